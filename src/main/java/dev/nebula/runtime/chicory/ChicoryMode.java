package dev.nebula.runtime.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.nebula.ModuleException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.runtime.FunctionArtifact;
import java.util.function.Function;
import org.objectweb.asm.MethodTooLargeException;

/** How Chicory runs wasm code: what deploy turns a module into. Everything else about the three runtimes is shared. */
enum ChicoryMode {
    /** Parse only; every instance gets an interpreter. */
    INTERPRETER {
        @Override
        CompiledModule compile(String runtimeId, FunctionArtifact module) {
            return new Compiled(parse(module), InterpreterMachine::new);
        }

        @Override
        void requireMachine(String runtimeId, FunctionArtifact module, Machine machine) {}
    },
    /** Parse, then compile every function to JVM bytecode once; instances share the loaded classes. */
    COMPILER {
        @Override
        CompiledModule compile(String runtimeId, FunctionArtifact module) {
            WasmModule wasm = parse(module);
            try {
                return new Compiled(wasm, MachineFactoryCompiler.builder(wasm)
                        .withInterpreterFallback(InterpreterFallback.FAIL)
                        .compile());
            } catch (ChicoryException e) {
                if (hasCause(e, MethodTooLargeException.class)) {
                    // FAIL turned Chicory's silent switch to its interpreter into this error: say why, and what to run instead.
                    throw new RuntimeUnavailableException(runtimeId + " cannot compile " + module + " to JVM bytecode ("
                            + e.getMessage() + ") and refuses to interpret it, which would be measured as compiled code; run it with "
                            + ChicoryRuntime.INTERPRETER_ID + " instead", e);
                }
                throw new ModuleException(runtimeId + " cannot compile " + module + ": " + e.getMessage(), e);
            }
        }
    },
    /** Nothing to compile: the build compiled the bundled modules into classes; deploy only checks the module is that one. */
    BUILD_TIME_COMPILER {
        @Override
        CompiledModule compile(String runtimeId, FunctionArtifact module) {
            return BuildTimeCompiled.of(runtimeId, module);
        }

        @Override
        boolean deploysAnyModule() {
            return false;
        }
    };

    /**
     * Fails with a {@link RuntimeUnavailableException} when {@code machine} is Chicory's interpreter. A compiled machine
     * that interprets only some functions cannot be seen through Chicory 1.7.5's public API (the compiler's list of
     * interpreted functions stays internal), so that case is ruled out where it would arise: {@link #COMPILER} and the
     * build plugin compile with {@link InterpreterFallback#FAIL}, which throws instead of falling back.
     * {@code ChicoryCompilerNeverInterpretsTest} checks both, reflectively, in test code.
     */
    void requireMachine(String runtimeId, FunctionArtifact module, Machine machine) {
        if (machine instanceof InterpreterMachine) {
            throw new RuntimeUnavailableException(runtimeId + " would run " + module + " in Chicory's interpreter ("
                    + machine.getClass().getName() + "), which would be measured as compiled code; run it with "
                    + ChicoryRuntime.INTERPRETER_ID + " instead");
        }
    }

    /** Whether {@link #compile} takes any module, rather than only the ones fixed at build time. */
    boolean deploysAnyModule() {
        return true;
    }

    /** Turns a module into what instances are built from; called once, at deploy. */
    abstract CompiledModule compile(String runtimeId, FunctionArtifact module);

    /** Parses and validates; a corrupt or truncated module is a {@link ModuleException}. */
    static WasmModule parse(FunctionArtifact module) {
        try {
            return Parser.parse(module.bytes());
        } catch (RuntimeException e) {
            // Not only ChicoryException: truncated input can surface as an index or buffer exception from the reader.
            throw new ModuleException(module + " is not a valid wasm module (" + e + "); rebuild it with: bash wasm-modules/build.sh", e);
        }
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** A parsed module with the factory that gives each of its instances a machine. */
    record Compiled(WasmModule wasmModule, Function<Instance, Machine> machineFactory)
            implements CompiledModule {}
}
