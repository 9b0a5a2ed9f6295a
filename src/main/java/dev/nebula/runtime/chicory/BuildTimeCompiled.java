package dev.nebula.runtime.chicory;

import com.dylibso.chicory.runtime.CompiledModule;
import dev.nebula.ModuleException;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.chicory.aot.NebulaHandler;
import dev.nebula.runtime.chicory.aot.NebulaWasi;
import java.util.EnumMap;
import java.util.Map;

/**
 * The classes {@code chicory-compiler-maven-plugin} generated from {@code wasm-modules/dist} (see pom.xml). They run
 * one module each, so deploy accepts a module only if it is byte for byte the one compiled in.
 */
final class BuildTimeCompiled {
    /** SHA-256 of each compiled-in module: the bundled copy, which the same build took from the same file. */
    private static final Map<Abi, String> COMPILED_SHA256 = new EnumMap<>(Abi.class);

    private BuildTimeCompiled() {}

    static CompiledModule of(String runtimeId, FunctionArtifact module) {
        String expected = compiledSha256(module.abi());
        String actual = module.sha256();
        if (!expected.equals(actual)) {
            throw new ModuleException(runtimeId + " runs only the " + module.abi().artifactName() + " compiled into it at build time (sha256 "
                    + expected + "), not " + module + " (sha256 " + actual + "); to run another module use "
                    + ChicoryRuntime.COMPILER_ID + ", or rebuild with it in wasm-modules/dist");
        }
        return switch (module.abi()) {
            case HANDLER -> new NebulaHandler();
            case WASI -> new NebulaWasi();
            case CLI, COMMAND -> throw new IllegalArgumentException(runtimeId + " deploys the wasm modules compiled into it, not " + module);
        };
    }

    private static synchronized String compiledSha256(Abi abi) {
        return COMPILED_SHA256.computeIfAbsent(abi, key -> FunctionArtifact.bundled(key).sha256());
    }
}
