package dev.nebula.runtime.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.ModuleException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** chicory-aot runs exactly the modules compiled into it at build time, and says so when given another. */
class ChicoryAotTest {

    @Test
    void declaresThatItDeploysOnlyItsOwnModules() {
        assertFalse(ChicoryRuntime.aot().deploysAnyModule());
        assertTrue(ChicoryRuntime.compiler().deploysAnyModule());
        assertTrue(ChicoryRuntime.interpreter().deploysAnyModule());
    }

    @Test
    void aModuleThatDiffersByOneByteIsRefusedNamingBothChecksums() {
        FunctionArtifact bundled = FunctionArtifact.bundled(Abi.HANDLER);
        byte[] changed = Arrays.copyOf(bundled.bytes(), bundled.bytes().length);
        changed[changed.length - 1] ^= 1; // one bit: the checksum is checked before anything is parsed
        FunctionArtifact other = new FunctionArtifact(Abi.HANDLER, "changed-nebula.wasm", changed);

        ModuleException refused = assertThrows(ModuleException.class, () -> ChicoryRuntime.aot().deploy(other).close());
        assertTrue(refused.getMessage().contains(bundled.sha256()), refused.getMessage());
        assertTrue(refused.getMessage().contains(other.sha256()), refused.getMessage());
        assertTrue(refused.getMessage().contains("compiled into it"), refused.getMessage());
    }

    @Test
    void theHandlerModuleGivenAsTheWasiAbiIsRefused() {
        FunctionArtifact handlerBytesAsWasi = new FunctionArtifact(Abi.WASI, "nebula.wasm", FunctionArtifact.bundled(Abi.HANDLER).bytes());
        assertThrows(ModuleException.class, () -> ChicoryRuntime.aot().deploy(handlerBytesAsWasi).close());
    }

    @Test
    void bothAbisRunTheirCompiledInModule() {
        for (Abi abi : ChicoryRuntime.aot().abis()) {
            try (Deployment deployment = ChicoryRuntime.aot().deploy(FunctionArtifact.bundled(abi)); FunctionInstance instance = deployment.start()) {
                assertEquals(CatalogFunction.FACT.reference(25), instance.invoke(CatalogFunction.FACT, 25), abi.toString());
            }
        }
    }
}
