package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.runtime.FunctionArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on disk: what is saved is read back whole, and what a crash leaves half-written is moved aside, never read. */
class FunctionStoreTest {
    private static final FunctionName SQUARE = new FunctionName("square");

    @TempDir
    Path dir;

    @Test
    void readsBackWhatItSavedWithItsSha256AndCheck() {
        FunctionStore store = new FunctionStore(dir);
        byte[] module = ScriptedDeployer.module("square");
        store.save(SQUARE, module, null, 3, "9", List.of("wasm-a"));
        FunctionStore.Contents contents = new FunctionStore(dir).open();
        assertEquals(List.of(), contents.brokenEntries());
        StoredFunction stored = contents.functions().getFirst();
        assertEquals(SQUARE, stored.name());
        assertEquals(FunctionArtifact.sha256(module), stored.module().sha256());
        assertEquals(module.length, stored.module().size());
        assertEquals(3, stored.checkN());
        assertEquals("9", stored.checkAnswer());
        assertEquals(List.of("wasm-a"), stored.runtimes());
    }

    @Test
    void aNewVersionReplacesTheOldOneAndItsFiles() throws IOException {
        FunctionStore store = new FunctionStore(dir);
        store.save(SQUARE, ScriptedDeployer.module("square"), null, 3, "9", List.of("wasm-a"));
        store.save(SQUARE, ScriptedDeployer.module("cube"), ScriptedDeployer.binary("cube"), 3, "27", List.of("wasm-a"));
        FunctionStore.Contents contents = new FunctionStore(dir).open();
        assertEquals(List.of(), contents.brokenEntries());
        assertEquals("27", contents.functions().getFirst().checkAnswer());
        assertEquals(3, fileNames().size(), fileNames()::toString); // manifest, module, binary: the old module is gone
    }

    @Test
    void removesTheManifestAndTheFiles() throws IOException {
        FunctionStore store = new FunctionStore(dir);
        StoredFunction stored = store.save(SQUARE, ScriptedDeployer.module("square"), null, 3, "9", List.of("wasm-a"));
        store.remove(stored);
        assertEquals(List.of(), fileNames());
    }

    /** Each way a crash can leave an upload half-written, and a manifest that lies: reported, moved aside, never read. */
    @Test
    void movesEveryLeftoverOfACrashAsideAndSaysWhat() throws IOException {
        FunctionStore store = new FunctionStore(dir);
        store.save(SQUARE, ScriptedDeployer.module("square"), null, 3, "9", List.of("wasm-a"));
        byte[] cube = ScriptedDeployer.module("cube");
        // A temp file: the crash came while the module was being written.
        Files.write(dir.resolve(".half.wasm.123.tmp"), new byte[] {0, 'a'});
        // A module without its manifest: the crash came after the module's rename, before the manifest.
        Files.write(dir.resolve("orphan." + FunctionArtifact.sha256(cube) + ".wasm"), cube);
        // A manifest whose module hashes to something else: written over, or torn.
        store.save(new FunctionName("torn"), cube, null, 2, "8", List.of("wasm-a"));
        Path tornModule = dir.resolve("torn." + FunctionArtifact.sha256(cube) + ".wasm");
        Files.write(tornModule, Arrays.copyOf(cube, 5));
        // A manifest without its module.
        store.save(new FunctionName("gone"), ScriptedDeployer.module("count"), null, 1, "1", List.of("wasm-a"));
        Files.delete(dir.resolve("gone." + FunctionArtifact.sha256(ScriptedDeployer.module("count")) + ".wasm"));

        FunctionStore.Contents contents = new FunctionStore(dir).open();
        assertEquals(List.of("square"), contents.functions().stream().map(f -> f.name().value()).toList());
        String report = String.join("\n", contents.brokenEntries());
        assertTrue(report.contains(".half.wasm.123.tmp: a temp file of an upload that never finished"), report);
        assertTrue(report.contains("orphan." + FunctionArtifact.sha256(cube) + ".wasm: no manifest names it"), report);
        assertTrue(report.contains("torn.json: its module torn." + FunctionArtifact.sha256(cube) + ".wasm has sha256 "), report);
        assertTrue(report.contains("gone.json: its module gone."), report);
        assertTrue(report.contains("(a manifest without its module)"), report);
        // Moved aside: the next start finds a clean store.
        assertFalse(Files.exists(tornModule));
        assertEquals(List.of(), new FunctionStore(dir).open().brokenEntries());
        try (Stream<Path> broken = Files.list(dir.resolve(FunctionStore.BROKEN))) {
            assertEquals(5, broken.count()); // the temp file, the orphan, torn's manifest and module, gone's manifest
        }
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
