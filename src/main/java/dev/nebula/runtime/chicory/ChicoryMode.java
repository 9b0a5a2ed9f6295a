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
import dev.nebula.runtime.Module;
import java.lang.reflect.Field;
import java.util.function.Function;
import org.objectweb.asm.MethodTooLargeException;

/** How Chicory runs wasm code: what deploy turns a module into. Everything else about the three runtimes is shared. */
enum ChicoryMode {
    /** Parse only; every instance gets an interpreter. */
    INTERPRETER {
        @Override
        CompiledModule compile(String runtimeId, Module module) {
            return new Compiled(parse(module), InterpreterMachine::new);
        }

        @Override
        void requireMachine(String runtimeId, Module module, Machine machine) {}
    },
    /** Parse, then compile every function to JVM bytecode once; instances share the loaded classes. */
    COMPILER {
        @Override
        CompiledModule compile(String runtimeId, Module module) {
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
        CompiledModule compile(String runtimeId, Module module) {
            return BuildTimeCompiled.of(runtimeId, module);
        }

        @Override
        boolean deploysAnyModule() {
            return false;
        }
    };

    /**
     * Fails with a {@link RuntimeUnavailableException} unless {@code machine} runs every function as compiled JVM
     * bytecode: not Chicory's interpreter, and no compiled machine that delegates some functions to it.
     */
    void requireMachine(String runtimeId, Module module, Machine machine) {
        String interpreted = interpreterIn(machine);
        if (interpreted != null) {
            throw new RuntimeUnavailableException(runtimeId + " would run " + module + " (partly) in Chicory's interpreter ("
                    + interpreted + "), which would be measured as compiled code; run it with " + ChicoryRuntime.INTERPRETER_ID + " instead");
        }
    }

    /** Where {@code machine} uses Chicory's interpreter, or null if it does not. */
    static String interpreterIn(Machine machine) {
        if (machine instanceof InterpreterMachine) {
            return "the machine is a " + machine.getClass().getName();
        }
        // A compiled machine holds an interpreter machine only for the functions it could not compile.
        for (Class<?> type = machine.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (InterpreterMachine.class.isAssignableFrom(field.getType())) {
                    return machine.getClass().getName() + "." + field.getName() + " is a " + field.getType().getName();
                }
            }
        }
        return null;
    }

    /** Whether {@link #compile} takes any module, rather than only the ones fixed at build time. */
    boolean deploysAnyModule() {
        return true;
    }

    /** Turns a module into what instances are built from; called once, at deploy. */
    abstract CompiledModule compile(String runtimeId, Module module);

    /** Parses and validates; a corrupt or truncated module is a {@link ModuleException}. */
    static WasmModule parse(Module module) {
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
