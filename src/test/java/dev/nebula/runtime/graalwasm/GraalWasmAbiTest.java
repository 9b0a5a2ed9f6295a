package dev.nebula.runtime.graalwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.ModuleException;
import dev.nebula.TrapException;
import dev.nebula.function.Function;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Instance;
import dev.nebula.runtime.Module;
import dev.nebula.runtime.Phases;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** How GraalWasm deploys each ABI: deploy-time checks of the exports, and the WASI command's exit code and stderr. */
class GraalWasmAbiTest {
    private final GraalWasmRuntime runtime = new GraalWasmRuntime();

    /**
     * A WASI command that writes "bad input\n" to stderr and exits with code 2 (wat2wasm of):
     * <pre>
     * (module
     *   (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
     *   (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
     *   (memory (export "memory") 1)
     *   (data (i32.const 16) "bad input\n")
     *   (func (export "_start")
     *     (i32.store (i32.const 0) (i32.const 16))
     *     (i32.store (i32.const 4) (i32.const 10))
     *     (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))
     *     (call $proc_exit (i32.const 2))))
     * </pre>
     */
    private static final Module EXITS_WITH_CODE_2 = new Module(Abi.WASI, "exits-with-code-2.wasm", HexFormat.of().parseHex(
            "0061736d0100000001100360047f7f7f7f017f60017f0060000002460216776173695f736e617073686f745f70726576696577310866"
            + "645f7772697465000016776173695f736e617073686f745f70726576696577310970726f635f657869740001030201020503010001"
            + "071302066d656d6f72790200065f737461727400020a21011f00410041103602004104410a360200410241004101410810001a4102"
            + "10010b0b10010041100b0a62616420696e7075740a"));

    @Test
    void wasiNonZeroExitIsATrapWithStderrAndTheDeploymentStaysUsable() {
        try (Deployment deployment = runtime.deploy(EXITS_WITH_CODE_2)) {
            Instance instance = deployment.start();
            TrapException warm = assertThrows(TrapException.class, () -> instance.invoke(Function.FIB, 5));
            assertTrue(warm.getMessage().contains("exited with code 2"), warm.getMessage());
            assertTrue(warm.getMessage().contains("stderr: bad input"), warm.getMessage());
            TrapException cold = assertThrows(TrapException.class, () -> deployment.coldInvoke(Function.FIB, 5, Phases.IGNORED));
            assertTrue(cold.getMessage().contains("exited with code 2"), "a command runs afresh every time: " + cold.getMessage());
        }
        try (Deployment deployment = runtime.deploy(Module.bundled(Abi.WASI)); Instance instance = deployment.start()) {
            assertEquals(Function.FIB.reference(90), instance.invoke(Function.FIB, 90));
            assertEquals(Function.EXP.reference(709), instance.invoke(Function.EXP, 709), "a WASI instance runs every request");
        }
    }

    @Test
    void aModuleExportingNoFunctionIsNotAHandlerModule() {
        byte[] emptyModule = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}; // valid: magic and version, no sections
        ModuleException e = assertThrows(ModuleException.class, () -> runtime.deploy(new Module(Abi.HANDLER, "empty.wasm", emptyModule)).close());
        assertTrue(e.getMessage().contains("exports none of the functions"), e.getMessage());
    }

    @Test
    void theWasiModuleIsNotAHandlerModule() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> runtime.deploy(new Module(Abi.HANDLER, Abi.WASI.artifactName(), Module.bundled(Abi.WASI).bytes())).close());
        assertTrue(e.getMessage().contains("wasi_snapshot_preview1"), "the handler ABI provides no imports: " + e.getMessage());
    }

    @Test
    void theHandlerModuleIsNotAWasiCommand() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> runtime.deploy(new Module(Abi.WASI, Abi.HANDLER.artifactName(), Module.bundled(Abi.HANDLER).bytes())).close());
        assertTrue(e.getMessage().contains("not a WASI command"), e.getMessage());
    }

    @Test
    void aMissingExportFailsAtInvokeNamingIt() {
        try (Deployment deployment = runtime.deploy(dev.nebula.runtime.TestModules.endlessRecursion(Function.FIB_REC));
             Instance instance = deployment.start()) {
            ModuleException e = assertThrows(ModuleException.class, () -> instance.invoke(Function.FIB, 5));
            assertTrue(e.getMessage().contains("'" + Function.FIB.exportName() + "'"), e.getMessage());
        }
    }

    @Test
    void cliIsNotAGraalWasmAbi() {
        assertThrows(IllegalArgumentException.class, () -> runtime.deploy(new Module(Abi.CLI, "nebula", new byte[0])));
    }
}
