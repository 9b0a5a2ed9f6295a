package dev.nebula.runtime.graalwasm;

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
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.TestModules;
import org.junit.jupiter.api.Test;

/** How GraalWasm deploys each ABI: deploy-time checks of the exports, and the WASI command's exit code and stderr. */
class GraalWasmAbiTest {
    private final GraalWasmRuntime runtime = new GraalWasmRuntime();

    private static final FunctionArtifact EXITS_WITH_CODE_2 = TestModules.exitsWithCode2();

    @Test
    void wasiNonZeroExitIsATrapWithStderrAndTheDeploymentStaysUsable() {
        try (Deployment deployment = runtime.deploy(EXITS_WITH_CODE_2)) {
            FunctionInstance instance = deployment.start();
            TrapException warm = assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FIB, 5));
            assertTrue(warm.getMessage().contains("exited with code 2"), warm.getMessage());
            assertTrue(warm.getMessage().contains("stderr: bad input"), warm.getMessage());
            TrapException cold = assertThrows(TrapException.class, () -> deployment.coldInvoke(CatalogFunction.FIB, 5, Phases.IGNORED));
            assertTrue(cold.getMessage().contains("exited with code 2"), "a command runs afresh every time: " + cold.getMessage());
        }
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.WASI)); FunctionInstance instance = deployment.start()) {
            assertEquals(CatalogFunction.FIB.reference(90), instance.invoke(CatalogFunction.FIB, 90));
            assertEquals(CatalogFunction.EXP.reference(709), instance.invoke(CatalogFunction.EXP, 709), "a WASI instance runs every request");
        }
    }

    @Test
    void aModuleExportingNoFunctionIsNotAHandlerModule() {
        byte[] emptyModule = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}; // valid: magic and version, no sections
        ModuleException e = assertThrows(ModuleException.class, () -> runtime.deploy(new FunctionArtifact(Abi.HANDLER, "empty.wasm", emptyModule)).close());
        assertTrue(e.getMessage().contains("exports none of the functions"), e.getMessage());
    }

    @Test
    void theWasiModuleIsNotAHandlerModule() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> runtime.deploy(new FunctionArtifact(Abi.HANDLER, Abi.WASI.artifactName(), FunctionArtifact.bundled(Abi.WASI).bytes())).close());
        assertTrue(e.getMessage().contains("wasi_snapshot_preview1"), "the handler ABI provides no imports: " + e.getMessage());
    }

    @Test
    void theHandlerModuleIsNotAWasiCommand() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> runtime.deploy(new FunctionArtifact(Abi.WASI, Abi.HANDLER.artifactName(), FunctionArtifact.bundled(Abi.HANDLER).bytes())).close());
        assertTrue(e.getMessage().contains("not a WASI command"), e.getMessage());
    }

    @Test
    void aMissingExportFailsAtInvokeNamingIt() {
        try (Deployment deployment = runtime.deploy(TestModules.endlessRecursion(CatalogFunction.FIB_REC));
             FunctionInstance instance = deployment.start()) {
            ModuleException e = assertThrows(ModuleException.class, () -> instance.invoke(CatalogFunction.FIB, 5));
            assertTrue(e.getMessage().contains("'" + CatalogFunction.FIB.exportName() + "'"), e.getMessage());
        }
    }

    @Test
    void cliIsNotAGraalWasmAbi() {
        assertThrows(IllegalArgumentException.class, () -> runtime.deploy(new FunctionArtifact(Abi.CLI, "nebula", new byte[0])));
    }
}
