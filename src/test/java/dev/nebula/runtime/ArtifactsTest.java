package dev.nebula.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.nebula.ModuleException;
import dev.nebula.function.CatalogFunction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The committed modules are the ones their checksums name, and the handler module has the ABI the catalog says. */
class ArtifactsTest {

    @Test
    void bundledModulesMatchTheCommittedChecksums() throws IOException {
        String sums;
        try (InputStream in = ArtifactsTest.class.getResourceAsStream("/nebula/SHA256SUMS")) {
            sums = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Abi abi : new Abi[] {Abi.HANDLER, Abi.WASI}) {
            FunctionArtifact module = FunctionArtifact.bundled(abi);
            assertTrue(sums.contains(module.sha256() + "  " + abi.artifactName()), abi + " not in SHA256SUMS:\n" + sums);
        }
    }

    @Test
    void handlerModuleImportsNothingAndExportsEveryFunction() {
        WasmModule module = Parser.parse(FunctionArtifact.bundled(Abi.HANDLER).bytes());
        assertEquals(0, module.importSection().importCount(), "the handler ABI imports nothing");
        Set<String> exports = new HashSet<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            exports.add(module.exportSection().getExport(i).name());
        }
        for (CatalogFunction function : CatalogFunction.values()) {
            assertTrue(exports.contains(function.exportName()), "missing export " + function.exportName() + " in " + exports);
        }
    }

    @Test
    void wasiModuleIsACommand() {
        WasmModule module = Parser.parse(FunctionArtifact.bundled(Abi.WASI).bytes());
        boolean hasStart = false;
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            hasStart |= module.exportSection().getExport(i).name().equals("_start");
        }
        assertTrue(hasStart, "a WASI command exports _start");
    }

    @Test
    void missingModuleFileIsAModuleExceptionNamingThePath() {
        Path missing = Path.of("no-such-dir", "missing.wasm");
        ModuleException e = assertThrows(ModuleException.class, () -> FunctionArtifact.fromFile(Abi.HANDLER, missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
