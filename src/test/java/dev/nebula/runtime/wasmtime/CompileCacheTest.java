package dev.nebula.runtime.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deploys through Wasmtime's compilation cache: the first stores the compiled module, later ones load it (the entry's
 * file stays the one the compile wrote), and the check that a benchmark timed loads fails when a deploy compiled.
 */
class CompileCacheTest {
    private static final FunctionArtifact WASI = FunctionArtifact.bundled(Abi.WASI);
    private static final long N = 30;

    private static void deployAndAnswer(WasmtimeRuntime runtime) {
        try (Deployment deployment = runtime.deploy(WASI)) {
            assertEquals(CatalogFunction.FIB.reference(N), deployment.coldInvoke(CatalogFunction.FIB, N, Phases.IGNORED));
        }
    }

    @Test
    void theFirstDeployStoresTheModuleAndLaterDeploysLoadIt() {
        try (CompileCache cache = CompileCache.create()) {
            WasmtimeRuntime cached = new WasmtimeRuntime().withCompileCache(cache);
            assertTrue(cache.entries().isEmpty(), "a new cache is empty");
            deployAndAnswer(cached);
            Map<Path, String> stored = cache.entries();
            assertEquals(1, stored.size(), "one compiled module: " + stored);
            deployAndAnswer(cached);
            deployAndAnswer(cached);
            cache.requireOnlyLoadedSince(stored, "two more deploys");
            assertTrue(cached.description().contains("compilation cache"), cached.description());
        }
    }

    @Test
    void aDeployThatCompiledAgainFailsTheCheck() throws Exception {
        try (CompileCache cache = CompileCache.create()) {
            WasmtimeRuntime cached = new WasmtimeRuntime().withCompileCache(cache);
            deployAndAnswer(cached);
            Map<Path, String> stored = cache.entries();
            Path entry = cacheRoot(cache).resolve(stored.keySet().iterator().next());
            Files.delete(entry); // the next deploy finds nothing, compiles and stores the module anew
            deployAndAnswer(cached);
            NebulaException compiled = assertThrows(NebulaException.class, () -> cache.requireOnlyLoadedSince(stored, "the deploy after"));
            assertTrue(compiled.getMessage().contains("compiled and stored a module again"), compiled.getMessage());
        }
    }

    @Test
    void aRuntimeWithoutTheCacheLeavesItEmptyAndTheCheckSaysSo() {
        try (CompileCache cache = CompileCache.create()) {
            deployAndAnswer(new WasmtimeRuntime());
            Map<Path, String> none = cache.entries();
            assertTrue(none.isEmpty(), none.toString());
            NebulaException unused = assertThrows(NebulaException.class, () -> cache.requireOnlyLoadedSince(none, "a deploy"));
            assertTrue(unused.getMessage().contains("did not use it"), unused.getMessage());
        }
    }

    @Test
    void closingRemovesTheCacheDirectory() {
        Path root;
        try (CompileCache cache = CompileCache.create()) {
            deployAndAnswer(new WasmtimeRuntime().withCompileCache(cache));
            root = cacheRoot(cache);
            assertTrue(Files.isDirectory(root));
        }
        assertFalse(Files.exists(root.getParent()), root.getParent() + " is left behind");
    }

    /** The entries' directory, as {@link CompileCache#toString} names its parent. */
    private static Path cacheRoot(CompileCache cache) {
        String text = cache.toString();
        return Path.of(text.substring(text.indexOf('/'))).resolve("entries");
    }
}
