package dev.nebula.results;

import dev.nebula.run.Suite;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.NebulaException;
import dev.nebula.Need;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A results location that is read-only or full: refused before anything runs, and a finished run is never lost. */
class ResultsFaultsTest {
    private static final List<String> TINY = List.of("-p", "runtime=java", "-p", "fn=fib", "-f", "1", "-wi", "0", "-i", "1");

    @TempDir
    Path temp;

    @Test
    @Tag(Need.ROOT)
    void readOnlyLocationIsRefusedBeforeAnyBenchmarkWithTheOsReason() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(temp.resolve("ro"), "1m", true)) {
            NebulaException e = assertThrows(NebulaException.class, () -> ResultsLocation.requireWritableDirectory(fs.directory()));
            assertTrue(e.getMessage().contains(fs.directory().toString()) && e.getMessage().contains("Read-only file system"), e.getMessage());
            e = assertThrows(NebulaException.class, () -> ResultsLocation.requireWritableFile(fs.directory().resolve("out.json")));
            assertTrue(e.getMessage().contains("Read-only file system"), e.getMessage());
            e = assertThrows(NebulaException.class, () -> new Suite(true, false, fs.directory(), TINY).run(System.out));
            assertTrue(e.getMessage().contains("Read-only file system"), "the suite checks before running: " + e.getMessage());
        }
    }

    @Test
    @Tag(Need.ROOT)
    void fullLocationIsRefusedBeforeAnyBenchmarkWithTheOsReasonAndLeavesNoProbe() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(temp.resolve("full"), "64k", false)) {
            NebulaException e = assertThrows(NebulaException.class, () -> ResultsLocation.requireWritableFile(fs.directory().resolve("out.json")));
            assertTrue(e.getMessage().contains(fs.directory().toString()) && e.getMessage().contains("No space left on device"), e.getMessage());
            assertEquals(List.of(), files(fs.directory()), "no probe or temporary file is left");
        }
    }

    @Test
    @Tag(Need.ROOT)
    void locationWithTooLittleRoomIsRefused() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(temp.resolve("small"), "1m", false)) {
            NebulaException e = assertThrows(NebulaException.class, () -> ResultsLocation.requireWritableDirectory(fs.directory()));
            assertTrue(e.getMessage().contains("KB free") && e.getMessage().contains("at least"), e.getMessage());
        }
    }

    @Test
    void missingDirectoryOfAResultFileIsNamed() {
        Path file = temp.resolve("no-such-dir").resolve("out.json");
        NebulaException e = assertThrows(NebulaException.class, () -> ResultsLocation.requireWritableFile(file));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains(file.getParent().toString()), e.getMessage());
    }

    @Test
    @Tag(Need.ROOT)
    void writeThatFailsAtTheEndFallsBackToTheTempDirectoryWithTheWholeSetAndLeavesNoTmp() throws Exception {
        byte[] results = new byte[200 << 10];
        java.util.Arrays.fill(results, (byte) 'r');
        Path fallback;
        try (SmallFileSystem fs = SmallFileSystem.mount(temp.resolve("full"), "64k", false)) {
            ResultsWriter writer = new ResultsWriter("test");
            Path json = writer.write("results", fs.directory().resolve("run.json"), out -> out.write(results));
            Path env = writer.write("sidecar", fs.directory().resolve("run.env.json"), out -> out.print("{}"));
            assertNotNull(json, "the results went somewhere");
            fallback = json.getParent();
            assertTrue(fallback.startsWith(Path.of(System.getProperty("java.io.tmpdir"))) && fallback.getFileName().toString().startsWith("nebula-results-test"), json.toString());
            assertArrayEquals(results, Files.readAllBytes(json), "the fallback holds the whole file");
            assertEquals(fallback, env.getParent(), "the sidecar follows the results, so they stay together");
            assertEquals(List.of(), files(fs.directory()), "no half file and no .tmp in the full location");
            assertTrue(!writer.allInPlace());
            String summary = String.join("\n", writer.summary());
            assertTrue(summary.contains(json.toString()) && summary.contains("No space left on device")
                    && summary.contains(fs.directory().resolve("run.json").toString()), summary);
        }
        assertEquals(List.of("run.env.json", "run.json"), files(fallback), "nothing else, no .tmp");
        deleteTree(fallback);
    }

    @Test
    @Tag(Need.ROOT)
    void writeIntoAReadOnlyLocationFallsBack() throws Exception {
        Path fallback;
        try (SmallFileSystem fs = SmallFileSystem.mount(temp.resolve("ro"), "1m", true)) {
            ResultsWriter writer = new ResultsWriter("test");
            Path json = writer.write("results", fs.directory().resolve("run.json"), out -> out.print("[]"));
            fallback = json.getParent();
            assertEquals("[]", Files.readString(json, StandardCharsets.UTF_8));
            assertTrue(String.join("\n", writer.summary()).contains("Read-only file system"), writer.summary().toString());
        }
        deleteTree(fallback);
    }

    @Test
    void writeInPlaceLeavesOnlyTheFile() throws IOException {
        ResultsWriter writer = new ResultsWriter("test");
        Path json = writer.write("results", temp.resolve("run.json"), out -> out.print("[]"));
        assertEquals(temp.resolve("run.json"), json);
        assertTrue(writer.allInPlace());
        assertEquals(List.of("run.json"), files(temp));
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
