package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nebula.NebulaException;
import dev.nebula.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CI gate on the committed run: against itself nothing regressed; against a copy twice as slow, cases did, in both directions. */
class RegressionGateTest {

    private static List<RunComparison.Change> changes(Path a, Path b) {
        return new RunComparison(List.of(RunComparison.Run.read(a), RunComparison.Run.read(b))).changes().getFirst();
    }

    private static Path committed(Path dir) throws IOException {
        Path copy = dir.resolve(LargeRun.COMMITTED.getFileName());
        Files.copy(LargeRun.COMMITTED, copy);
        Files.copy(ResultFiles.sidecar(LargeRun.COMMITTED), ResultFiles.sidecar(copy));
        return copy;
    }

    @Test
    void aRunAgainstItselfHasNoRegression() throws IOException {
        Path run = committed(Files.createTempDirectory("nebula-gate"));
        assertEquals(List.of(), new RegressionGate(10).regressions(changes(run, run)));
    }

    @Test
    void aRunTwiceAsSlowRegressesInTimesAndThroughputs() throws IOException {
        Path dir = Files.createTempDirectory("nebula-gate");
        Path run = committed(dir);
        Path slower = SlowerRun.write(run, dir, "20270101T000000Z", 2);
        List<RunComparison.Change> regressions = new RegressionGate(10).regressions(changes(run, slower));
        assertTrue(regressions.stream().anyMatch(c -> c.base().higherIsBetter()), "a halved throughput is a regression");
        assertTrue(regressions.stream().anyMatch(c -> !c.base().higherIsBetter()), "a doubled time is a regression");
        // A time twice as long is 100% worse; a throughput half as high, 50% worse.
        regressions.forEach(c -> assertEquals(c.base().higherIsBetter() ? 0.5 : 1.0, RegressionGate.worsening(c), 1e-6, c.key()));
        assertTrue(RegressionGate.line(regressions.getFirst()).contains("% worse"), RegressionGate.line(regressions.getFirst()));
        assertEquals(List.of(), new RegressionGate(10).regressions(changes(slower, run)), "twice as fast is no regression");
        assertEquals(List.of(), new RegressionGate(150).regressions(changes(run, slower)), "100% worse is within a 150% allowance");
    }

    @Test
    void aPercentageThatIsNotOneIsRejectedWithWhatIsValid() {
        NebulaException e = org.junit.jupiter.api.Assertions.assertThrows(NebulaException.class, () -> RegressionGate.parse("ten"));
        assertTrue(e.getMessage().contains("e.g. 10"), e.getMessage());
        assertEquals(10, RegressionGate.parse("10%").percent());
    }

    @Test
    void githubActionBenchmarkFilesHoldEachDirectionWithItsUnit() throws IOException {
        Path dir = Files.createTempDirectory("nebula-gab");
        Path run = committed(dir);
        List<Path> files = GithubActionBenchmark.write(run, null);
        assertEquals(2, files.size(), files.toString());
        JsonNode smaller = new ObjectMapper().readTree(dir.resolve("20261125T170525Z" + GithubActionBenchmark.SMALLER).toFile());
        JsonNode bigger = new ObjectMapper().readTree(dir.resolve("20261125T170525Z" + GithubActionBenchmark.BIGGER).toFile());
        assertEquals(57, smaller.size());
        assertEquals(90, bigger.size());
        for (JsonNode entry : smaller) {
            assertEquals("us/op", entry.path("unit").asText());
            assertTrue(entry.path("value").asDouble() > 0, entry.toString());
            assertFalse(entry.path("name").asText().isEmpty());
        }
        assertEquals("ops/s", bigger.get(0).path("unit").asText());
        assertTrue(bigger.get(0).path("range").asText().startsWith("± "), bigger.get(0).toString());
    }
}
