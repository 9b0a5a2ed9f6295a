package dev.nebula.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nebula.InvalidInputException;
import dev.nebula.NebulaException;
import dev.nebula.UnknownIdException;
import dev.nebula.Need;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite launcher end to end on a tiny real run, and its refusals, which must leave no file behind. */
class SuiteTest {
    private static final List<String> TINY = List.of("-p", "runtime=java", "-p", "fn=fib",
            "-f", "1", "-wi", "1", "-i", "2", "-w", "100ms", "-r", "100ms");

    @TempDir
    Path results;

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Tag(Need.JMH)
    void writesResultsSidecarAndReportAndPrintsThePaths() throws Exception {
        System.setProperty("jmh.ignoreLock", "true"); // a smoke run measures nothing: another JMH run may hold the lock
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int status = new Suite(true, false, results, TINY).run(new PrintStream(console, true, StandardCharsets.UTF_8));
        String out = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, out);

        List<String> files = files();
        List<String> json = files.stream().filter(f -> f.endsWith(".json") && !f.endsWith(".env.json")).toList();
        assertEquals(1, json.size(), files.toString());
        String stamp = json.getFirst().replace(".json", "");
        assertTrue(files.containsAll(List.of(stamp + ".env.json", stamp + ".md", stamp + ".csv", stamp + "-cold-start.png")), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.endsWith(".tmp")), files.toString());
        assertTrue(out.contains("nebula: results  " + results.resolve(stamp + ".json").toAbsolutePath()), out);
        assertTrue(out.contains("nebula: sidecar  " + results.resolve(stamp + ".env.json").toAbsolutePath()), out);

        JsonNode env = new ObjectMapper().readTree(results.resolve(stamp + ".env.json").toFile());
        assertEquals("java", env.path("run").path("runtimes").get(0).asText());
        assertTrue(env.path("run").path("quick").asBoolean());
        assertEquals(64, env.path("modules").get(0).path("sha256").asText().length(), env.path("modules").toString());
        assertTrue(env.path("machine").path("cores").asInt() > 0);
        assertTrue(env.path("jdk").path("java.version").asText().startsWith("25"), env.path("jdk").toString());
    }

    @Test
    void aBadValueEndsTheRunBeforeAnyFile() {
        assertThrows(InvalidInputException.class,
                () -> new Suite(false, false, results, List.of("-p", "fn=fib-rec", "-p", "n=90")).run(System.out));
        assertThrows(UnknownIdException.class,
                () -> new Suite(false, false, results, List.of("-p", "runtime=no-such-runtime")).run(System.out));
        assertThrows(NebulaException.class, () -> new Suite(false, false, results, List.of("-rf", "json")));
        assertTrue(assertDoesNotThrowFiles().isEmpty());
    }

    private List<String> assertDoesNotThrowFiles() {
        try {
            return files();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
