package dev.nebula.runtime;

import dev.nebula.BuildInfo;
import dev.nebula.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes a runtime deploys: a wasm module or the native binary, with the ABI it speaks.
 * The committed wasm modules travel inside the jar; the native binary is built into wasm-modules/target.
 */
public record FunctionArtifact(Abi abi, String name, byte[] bytes) {

    /** Where {@code wasm-modules/build.sh} puts the static native binary. */
    public static final Path NATIVE_BINARY = Path.of(BuildInfo.PROJECT_DIR, "wasm-modules", "target", "native", "nebula");

    /** The project's own artifact for an ABI: the committed wasm modules, or the native binary. */
    public static FunctionArtifact bundled(Abi abi) {
        if (abi == Abi.COMMAND) {
            throw new ModuleException("a user function (the " + abi + " ABI) has no bundled artifact; give its module with -p module=PATH");
        }
        if (abi == Abi.CLI) {
            return fromFile(abi, nativeBinary());
        }
        String resource = "/nebula/" + abi.artifactName();
        try (InputStream in = FunctionArtifact.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModuleException("the module " + resource + " is not on the classpath; build it with: bash wasm-modules/build.sh");
            }
            return new FunctionArtifact(abi, abi.artifactName(), in.readAllBytes());
        } catch (IOException e) {
            throw new ModuleException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** {@link #NATIVE_BINARY}, or a {@link ModuleException} saying how to build it when it is missing. */
    public static Path nativeBinary() {
        if (!Files.isRegularFile(NATIVE_BINARY)) {
            throw new ModuleException("the native binary " + NATIVE_BINARY + " is missing; build it with: bash wasm-modules/build.sh");
        }
        return NATIVE_BINARY;
    }

    /** A module read from a file, for modules other than the bundled ones (tests use corrupt ones). */
    public static FunctionArtifact fromFile(Abi abi, Path file) {
        try {
            return new FunctionArtifact(abi, file.getFileName().toString(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModuleException("module file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ModuleException("cannot read module file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of the bytes: identifies the module in results and image tags. */
    public String sha256() {
        return sha256(bytes);
    }

    /** Hex SHA-256 of the parts, one after another. */
    public static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + abi + ", " + bytes.length + " bytes)";
    }
}
