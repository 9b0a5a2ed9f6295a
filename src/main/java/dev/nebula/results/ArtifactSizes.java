package dev.nebula.results;

import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.Runtimes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What each runtime deploys, in bytes, for the sidecar and the report: the wasm modules, the native binary, the
 * classes Chicory's build-time compiler made from each module (with their {@code .meta}), and each runtime's image
 * for the current binary as {@code docker image inspect} sizes it. Which file is whose comes from each runtime's
 * {@link RuntimeDescriptor#artifact()}, so a new runtime needs no line here. An image not built yet is left out
 * (the container runtimes build it at deploy).
 */
public final class ArtifactSizes {
    /** The package Chicory's build-time compiler writes to (see the pom), and the class name prefix per ABI. */
    static final String AOT_PACKAGE = "dev/nebula/runtime/chicory/aot/";
    static final String AOT_HANDLER = "NebulaHandler";
    static final String AOT_WASI = "NebulaWasi";
    static final String NATIVE_BINARY = "native binary";

    private ArtifactSizes() {}

    /** The sidecar's {@code artifacts}: every file, and the one each runtime deploys. */
    public static Sidecar.Artifacts describe() {
        Map<String, Long> files = files(Runtimes.descriptors());
        return new Sidecar.Artifacts(files, perRuntime(files, Runtimes.descriptors()));
    }

    /** Every artifact of {@code runtimes} by name, in bytes, with both modules and both compiled class sets. */
    static Map<String, Long> files(List<RuntimeDescriptor> runtimes) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Abi abi : List.of(Abi.HANDLER, Abi.WASI)) {
            sizes.put(abi.artifactName(), (long) FunctionArtifact.bundled(abi).bytes().length);
        }
        boolean binaryBuilt = Files.isRegularFile(FunctionArtifact.NATIVE_BINARY);
        if (binaryBuilt) {
            sizes.put(NATIVE_BINARY, size(FunctionArtifact.NATIVE_BINARY));
        }
        aotBytes(AOT_HANDLER).ifPresent(bytes -> sizes.put(aotLabel(Abi.HANDLER), bytes));
        aotBytes(AOT_WASI).ifPresent(bytes -> sizes.put(aotLabel(Abi.WASI), bytes));
        if (binaryBuilt) {
            String binaryTag = FunctionArtifact.bundled(Abi.CLI).sha256().substring(0, 16);
            Map<String, String> images = DockerCli.images();
            runtimes.stream().map(RuntimeDescriptor::artifact).flatMap(artifact -> artifact.image().stream()).distinct()
                    .forEach(repository -> imageBytes(images.keySet(), repository, binaryTag)
                            .ifPresent(bytes -> sizes.put(imageLabel(repository), bytes)));
        }
        return sizes;
    }

    /** The artifact each runtime deploys for its default ABI, by runtime id: the report's "artifact size". */
    static Map<String, Long> perRuntime(Map<String, Long> files, List<RuntimeDescriptor> runtimes) {
        Map<String, Long> perRuntime = new LinkedHashMap<>();
        for (RuntimeDescriptor runtime : runtimes) {
            label(runtime.artifact()).map(files::get).ifPresent(bytes -> perRuntime.put(runtime.id(), bytes));
        }
        return perRuntime;
    }

    /** The name {@link #files} gives an artifact; empty for a runtime that deploys nothing. */
    static Optional<String> label(Artifact artifact) {
        return switch (artifact.type()) {
            case NONE -> Optional.empty();
            case HANDLER_MODULE -> Optional.of(Abi.HANDLER.artifactName());
            case WASI_MODULE -> Optional.of(Abi.WASI.artifactName());
            case AOT_CLASSES -> Optional.of(aotLabel(Abi.HANDLER));
            case NATIVE_BINARY -> Optional.of(NATIVE_BINARY);
            case IMAGE -> artifact.image().map(ArtifactSizes::imageLabel);
        };
    }

    private static String aotLabel(Abi abi) {
        return "build-time compiled classes (" + abi.artifactName() + ")";
    }

    private static String imageLabel(String repository) {
        return "image " + repository;
    }

    /** The size of the image of {@code repository} built from this binary ({@code <repository>:<binaryTag>-...}), if there is one. */
    static Optional<Long> imageBytes(Iterable<String> localImages, String repository, String binaryTag) {
        for (String image : localImages) {
            if (image.startsWith(repository + ":" + binaryTag)) {
                return DockerCli.imageBytes(image);
            }
        }
        return Optional.empty();
    }

    /** Bytes of the build-time compiled classes (and metadata) whose names start with {@code prefix}. */
    static Optional<Long> aotBytes(String prefix) {
        Path location;
        try {
            location = Path.of(ArtifactSizes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(AOT_PACKAGE))) {
                long total = files.filter(file -> file.getFileName().toString().startsWith(prefix)).mapToLong(ArtifactSizes::size).sum();
                return total > 0 ? Optional.of(total) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            long total = jar.stream().filter(entry -> entry.getName().startsWith(AOT_PACKAGE + prefix)).mapToLong(entry -> entry.getSize()).sum();
            return total > 0 ? Optional.of(total) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        Sidecar.Artifacts artifacts = describe();
        System.out.println("files: " + artifacts.files());
        System.out.println("perRuntime: " + artifacts.perRuntime());
    }
}
