package dev.nebula.runtime.chicory;

import static dev.nebula.runtime.chicory.WasmAssembler.CODE;
import static dev.nebula.runtime.chicory.WasmAssembler.EXPORT;
import static dev.nebula.runtime.chicory.WasmAssembler.FUNCTION;
import static dev.nebula.runtime.chicory.WasmAssembler.I64;
import static dev.nebula.runtime.chicory.WasmAssembler.TYPE;
import static dev.nebula.runtime.chicory.WasmAssembler.body;
import static dev.nebula.runtime.chicory.WasmAssembler.bytes;
import static dev.nebula.runtime.chicory.WasmAssembler.concat;
import static dev.nebula.runtime.chicory.WasmAssembler.functionType;
import static dev.nebula.runtime.chicory.WasmAssembler.name;
import static dev.nebula.runtime.chicory.WasmAssembler.u32;
import static dev.nebula.runtime.chicory.WasmAssembler.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * chicory-compiler and chicory-aot never run wasm in Chicory's interpreter. Chicory's compiler interprets a function
 * whose JVM bytecode would exceed the JVM's 64 KiB method limit; here is such a function, and proof that the
 * fallback is real (Chicory's lenient setting runs it interpreted) and that these runtimes refuse it: Chicory's own
 * {@code InterpreterFallback.FAIL} does, at compile time. The machines of the bundled modules are checked for a hidden
 * interpreter too, by a reflective probe whose own positive control fails loudly if Chicory's internals move.
 */
class ChicoryCompilerNeverInterpretsTest {
    /** Enough additions that the compiled method is far beyond 64 KiB of bytecode. */
    private static final int ADDITIONS = 50_000;

    /** {@code fibonacci(n) = n + n + ... + n}, ADDITIONS + 1 times: valid wasm, one function too large to compile. */
    private static FunctionArtifact tooLargeToCompile() {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.writeBytes(bytes(0x20, 0x00)); // local.get 0
        for (int i = 0; i < ADDITIONS; i++) {
            code.writeBytes(bytes(0x20, 0x00, 0x7c)); // local.get 0; i64.add
        }
        byte[] wasm = new WasmAssembler()
                .section(TYPE, vec(functionType(new int[] {I64}, new int[] {I64})))
                .section(FUNCTION, vec(u32(0)))
                .section(EXPORT, vec(concat(name(CatalogFunction.FIB.exportName()), bytes(0x00), u32(0))))
                .section(CODE, vec(body(code.toByteArray())))
                .toBytes();
        return new FunctionArtifact(Abi.HANDLER, "too-large-to-compile.wasm", wasm);
    }

    /**
     * Where {@code machine} uses Chicory's interpreter, or null. Reflective, and so test code only: Chicory 1.7.5 has no
     * public way to ask a compiled machine whether it interprets some functions. A compiled machine holds an interpreter
     * machine in a field only for the functions it could not compile; the first test proves this probe still sees it.
     */
    private static String interpreterIn(Machine machine) {
        if (machine instanceof InterpreterMachine) {
            return "the machine is a " + machine.getClass().getName();
        }
        for (Class<?> type = machine.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (InterpreterMachine.class.isAssignableFrom(field.getType())) {
                    return machine.getClass().getName() + "." + field.getName() + " is a " + field.getType().getName();
                }
            }
        }
        return null;
    }

    private static long expectedSum(long n) {
        return (ADDITIONS + 1) * n;
    }

    @Test
    void theModuleIsValidAndChicoryWouldSilentlyInterpretIt() {
        WasmModule wasm = Parser.parse(tooLargeToCompile().bytes());
        var lenient = MachineFactoryCompiler.builder(wasm).withInterpreterFallback(InterpreterFallback.SILENT).compile();
        var instance = com.dylibso.chicory.runtime.Instance.builder(wasm).withMachineFactory(lenient).build();
        assertEquals(expectedSum(3), instance.export(CatalogFunction.FIB.exportName()).apply(3)[0]);
        assertNotNull(interpreterIn(instance.getMachine()), "Chicory's internals moved: its compiled machine (" + instance.getMachine().getClass()
                + ") no longer keeps its interpreter fallback in a field of type InterpreterMachine, so interpreterIn() can no"
                + " longer see a partly interpreted machine and bundledModulesRunOnCompiledMachinesOnly proves nothing."
                + " Update interpreterIn() to Chicory's new internals.");

        try (Deployment deployment = ChicoryRuntime.interpreter().deploy(tooLargeToCompile()); FunctionInstance interpreted = deployment.start()) {
            assertEquals(expectedSum(3), interpreted.invoke(CatalogFunction.FIB, 3));
        }
    }

    @Test
    void compilerRefusesToDeployWhatItWouldInterpret() {
        RuntimeUnavailableException refused = assertThrows(RuntimeUnavailableException.class,
                () -> ChicoryRuntime.compiler().deploy(tooLargeToCompile()).close());
        assertTrue(refused.getMessage().contains("too-large-to-compile.wasm"), refused.getMessage());
        assertTrue(refused.getMessage().contains(ChicoryRuntime.INTERPRETER_ID), "says what to run instead: " + refused.getMessage());
        assertInstanceOf(ChicoryException.class, refused.getCause(),
                "Chicory's compiler itself refused (InterpreterFallback.FAIL), not only the machine check after it: " + refused.getMessage());

        try (Deployment deployment = ChicoryRuntime.compiler().deploy(FunctionArtifact.bundled(Abi.HANDLER)); FunctionInstance instance = deployment.start()) {
            assertEquals(CatalogFunction.FIB.reference(90), instance.invoke(CatalogFunction.FIB, 90), "the runtime stays usable");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ChicoryRuntime.COMPILER_ID, ChicoryRuntime.AOT_ID})
    void bundledModulesRunOnCompiledMachinesOnly(String runtimeId) {
        FunctionHost runtime = Runtimes.byId(runtimeId);
        for (Abi abi : runtime.abis()) {
            try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(abi))) {
                Machine machine = ((ChicoryDeployment) deployment).machineOfFreshInstance();
                assertNull(interpreterIn(machine), runtimeId + " [" + abi + "] runs on " + machine.getClass().getName());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Abi.class, names = {"HANDLER", "WASI"})
    void theInterpreterIsSeenAsOne(Abi abi) {
        try (Deployment deployment = ChicoryRuntime.interpreter().deploy(FunctionArtifact.bundled(abi))) {
            Machine machine = ((ChicoryDeployment) deployment).machineOfFreshInstance();
            assertNotNull(interpreterIn(machine), "the check must tell the interpreter apart: " + machine.getClass());
            RuntimeUnavailableException refused = assertThrows(RuntimeUnavailableException.class,
                    () -> ChicoryMode.COMPILER.requireMachine(ChicoryRuntime.COMPILER_ID, FunctionArtifact.bundled(abi), machine));
            assertTrue(refused.getMessage().contains("interpreter"), refused.getMessage());
        }
    }
}
