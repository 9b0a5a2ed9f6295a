package dev.nebula.runtime;

import dev.nebula.ModuleException;
import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A user function ({@link Abi#COMMAND}): its WASI command module and, optionally, a static Linux binary of the same
 * function, both checked against the contract when made ({@link UserFunctionCheck}), so a {@code UserFunction} is
 * always one every wasm runtime can deploy. The module is required: it is what every wasm runtime runs and what serve
 * checks an upload with; the binary only adds the process and container runtimes.
 *
 * @param name what the function is called: argv[0] of its runs, and its name in results and serve
 */
public record UserFunction(String name, byte[] module, Optional<byte[]> binary) {

    public UserFunction {
        Objects.requireNonNull(name);
        Objects.requireNonNull(module);
        Objects.requireNonNull(binary);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a user function needs a name");
        }
    }

    /** The function, checked: a {@link dev.nebula.ContractException} says in one line what breaks the contract. */
    public static UserFunction of(String name, byte[] module, Optional<byte[]> binary) {
        UserFunctionCheck.validateModule(name + " (module)", module);
        binary.ifPresent(bytes -> UserFunctionCheck.validateBinary(name + " (binary)", bytes));
        return new UserFunction(name, module.clone(), binary.map(byte[]::clone));
    }

    /** The function in these files, named after the module's file without {@code .wasm}; checked as {@link #of}. */
    public static UserFunction fromFiles(Path module, Optional<Path> binary) {
        String file = module.getFileName().toString();
        String name = file.endsWith(".wasm") ? file.substring(0, file.length() - ".wasm".length()) : file;
        return of(name, read(module, "module"), binary.map(path -> read(path, "binary")));
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModuleException("the " + what + " file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ModuleException("cannot read the " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of the module. */
    public String moduleSha256() {
        return FunctionArtifact.sha256(module);
    }

    /** Hex SHA-256 of the binary, when there is one. */
    public Optional<String> binarySha256() {
        return binary.map(FunctionArtifact::sha256);
    }

    /** The file a runtime that runs {@code form} deploys, if this function has it. */
    public Optional<FunctionArtifact> artifact(CommandForm form) {
        return switch (form) {
            case WASM_MODULE -> Optional.of(new FunctionArtifact(Abi.COMMAND, name, module));
            case NATIVE_BINARY -> binary.map(bytes -> new FunctionArtifact(Abi.COMMAND, name, bytes));
        };
    }

    /** Why {@code host} cannot run this function, in one line; empty when it can. */
    public Optional<String> whyNot(FunctionHost host) {
        Optional<CommandForm> form = host.commandForm();
        if (form.isEmpty()) {
            return Optional.of(host.id() + " cannot run user functions: it runs only the modules fixed into it at build time");
        }
        if (artifact(form.get()).isEmpty()) {
            return Optional.of(host.id() + " runs a user function's static binary, and " + name + " has none (give it with -p binary=PATH)");
        }
        return Optional.empty();
    }

    /** Deploys this function on {@code host}, in the form it runs; a host that cannot says why ({@link #whyNot}). */
    public Deployment deployOn(FunctionHost host) {
        Optional<String> whyNot = whyNot(host);
        if (whyNot.isPresent()) {
            throw new NebulaException(whyNot.get());
        }
        return host.deploy(artifact(host.commandForm().orElseThrow()).orElseThrow());
    }

    /** Deploys this function on the runtime with this id ({@link Runtimes#byId}). */
    public Deployment deployOn(String runtimeId) {
        return deployOn(Runtimes.byId(runtimeId));
    }

    @Override
    public String toString() {
        return name + " (module " + module.length + " bytes" + binary.map(bytes -> ", binary " + bytes.length + " bytes").orElse("") + ")";
    }
}
