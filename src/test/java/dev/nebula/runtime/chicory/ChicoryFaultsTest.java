package dev.nebula.runtime.chicory;

import static dev.nebula.runtime.chicory.WasmAssembler.CODE;
import static dev.nebula.runtime.chicory.WasmAssembler.DATA;
import static dev.nebula.runtime.chicory.WasmAssembler.EXPORT;
import static dev.nebula.runtime.chicory.WasmAssembler.FUNCTION;
import static dev.nebula.runtime.chicory.WasmAssembler.I32;
import static dev.nebula.runtime.chicory.WasmAssembler.I64;
import static dev.nebula.runtime.chicory.WasmAssembler.IMPORT;
import static dev.nebula.runtime.chicory.WasmAssembler.MEMORY;
import static dev.nebula.runtime.chicory.WasmAssembler.TYPE;
import static dev.nebula.runtime.chicory.WasmAssembler.body;
import static dev.nebula.runtime.chicory.WasmAssembler.bytes;
import static dev.nebula.runtime.chicory.WasmAssembler.concat;
import static dev.nebula.runtime.chicory.WasmAssembler.functionType;
import static dev.nebula.runtime.chicory.WasmAssembler.name;
import static dev.nebula.runtime.chicory.WasmAssembler.u32;
import static dev.nebula.runtime.chicory.WasmAssembler.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.ModuleException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults on both of Chicory's machines (chicory-aot deploys only its own modules): each kind of trap is a
 * TrapException and the very instance that trapped keeps working; a WASI command's non-zero exit is a trap that
 * carries its exit code and stderr.
 */
@ParameterizedClass
@ValueSource(strings = {ChicoryRuntime.INTERPRETER_ID, ChicoryRuntime.COMPILER_ID})
class ChicoryFaultsTest {
    private static final String COMPLAINT = "nebula-test: something went wrong";
    private static final int EXIT_CODE = 3;

    @Parameter
    String runtimeId;

    /** fib-rec: endless recursion; fact: n / 0; fib: n. prime is not exported. */
    private static FunctionArtifact trapsAndIdentity() {
        byte[] wasm = new WasmAssembler()
                .section(TYPE, vec(functionType(new int[] {I64}, new int[] {I64})))
                .section(FUNCTION, vec(u32(0), u32(0), u32(0)))
                .section(EXPORT, vec(
                        concat(name(CatalogFunction.FIB_REC.exportName()), bytes(0x00), u32(0)),
                        concat(name(CatalogFunction.FACT.exportName()), bytes(0x00), u32(1)),
                        concat(name(CatalogFunction.FIB.exportName()), bytes(0x00), u32(2))))
                .section(CODE, vec(
                        body(bytes(0x20, 0, 0x10, 0)),        // local.get 0; call 0
                        body(bytes(0x20, 0, 0x42, 0, 0x7f)),  // local.get 0; i64.const 0; i64.div_s
                        body(bytes(0x20, 0))))                // local.get 0
                .toBytes();
        return new FunctionArtifact(Abi.HANDLER, "traps.wasm", wasm);
    }

    /** {@code _start}: fd_write(2, COMPLAINT); proc_exit(EXIT_CODE). Memory: an iovec at 0, nwritten at 8, the text at 16. */
    private static FunctionArtifact failingCommand() {
        byte[] text = COMPLAINT.getBytes(StandardCharsets.UTF_8);
        byte[] memory = concat(bytes(16, 0, 0, 0, text.length, 0, 0, 0), new byte[8], text);
        byte[] start = bytes(
                0x41, 2, 0x41, 0, 0x41, 1, 0x41, 8, 0x10, 0, 0x1a, // fd_write(stderr, iovs=0, 1 iovec, nwritten=8); drop
                0x41, EXIT_CODE, 0x10, 1); // proc_exit(EXIT_CODE)
        byte[] wasm = new WasmAssembler()
                .section(TYPE, vec(
                        functionType(new int[] {I32, I32, I32, I32}, new int[] {I32}),
                        functionType(new int[] {I32}, new int[] {}),
                        functionType(new int[] {}, new int[] {})))
                .section(IMPORT, vec(
                        concat(name("wasi_snapshot_preview1"), name("fd_write"), bytes(0x00), u32(0)),
                        concat(name("wasi_snapshot_preview1"), name("proc_exit"), bytes(0x00), u32(1))))
                .section(FUNCTION, vec(u32(2)))
                .section(MEMORY, vec(bytes(0x00, 0x01)))
                .section(EXPORT, vec(
                        concat(name("memory"), bytes(0x02), u32(0)),
                        concat(name("_start"), bytes(0x00), u32(2))))
                .section(CODE, vec(body(start)))
                .section(DATA, vec(concat(bytes(0x00, 0x41, 0x00, 0x0b), u32(memory.length), memory)))
                .toBytes();
        return new FunctionArtifact(Abi.WASI, "failing-command.wasm", wasm);
    }

    @Test
    void trapsAreTrapExceptionsAndTheInstanceStaysUsable() {
        FunctionHost runtime = Runtimes.byId(runtimeId);
        try (Deployment deployment = runtime.deploy(trapsAndIdentity()); FunctionInstance instance = deployment.start()) {
            for (int round = 0; round < 3; round++) {
                TrapException exhausted = assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FIB_REC, 1));
                assertTrue(exhausted.getMessage().contains("traps.wasm"), exhausted.getMessage());
                assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FACT, 1));
                assertEquals(5, instance.invoke(CatalogFunction.FIB, 5), "the instance that trapped still runs");
            }
            ModuleException missing = assertThrows(ModuleException.class, () -> instance.invoke(CatalogFunction.PRIME, 1));
            assertTrue(missing.getMessage().contains(CatalogFunction.PRIME.exportName()), missing.getMessage());
        }
    }

    @Test
    void nonZeroWasiExitIsATrapCarryingStderr() {
        FunctionHost runtime = Runtimes.byId(runtimeId);
        try (Deployment deployment = runtime.deploy(failingCommand()); FunctionInstance instance = deployment.start()) {
            TrapException trap = assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FIB, 1));
            assertTrue(trap.getMessage().contains("exited with code " + EXIT_CODE), trap.getMessage());
            assertTrue(trap.getMessage().contains(COMPLAINT), trap.getMessage());
            assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FIB, 1), "the next run fails the same way");
        }
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.WASI)); FunctionInstance instance = deployment.start()) {
            assertEquals(CatalogFunction.PRIME.reference(100), instance.invoke(CatalogFunction.PRIME, 100));
        }
    }
}
