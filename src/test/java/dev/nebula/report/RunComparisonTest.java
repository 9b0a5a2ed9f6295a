package dev.nebula.report;

import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.ResultFiles;
import dev.nebula.Need;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.NebulaException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs compared: ratio B/A, the better direction per mode, significance from the forks, different machines named. */
class RunComparisonTest {

    private static Measurement measurement(String mode, String unit, List<Double> forkCentres) {
        double mean = forkCentres.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Metric metric = new Metric(mean, Double.NaN, unit, forkCentres, Map.of("50.0", mean), forkCentres, forkCentres.size());
        return new Measurement("dev.nebula.bench.SteadyState.invoke", mode, Map.of("runtime", "java", "fn", "fib", "n", "S"),
                metric, Map.of(), forkCentres.size());
    }

    @Test
    void aThroughputThatDoublesIsBetterAndSignificantWhenTheForksAgree() {
        RunComparison.Change change = new RunComparison.Change("k",
                measurement("thrpt", "ops/s", List.of(100.0, 101.0, 99.0)), measurement("thrpt", "ops/s", List.of(200.0, 202.0, 198.0)));
        assertEquals(2.0, change.ratio(), 1e-9);
        assertTrue(change.better());
        assertEquals("yes", change.significance());
        assertEquals("better", change.verdict());
    }

    @Test
    void aTimeThatDoublesIsWorse() {
        RunComparison.Change change = new RunComparison.Change("k",
                measurement("sample", "us/op", List.of(100.0, 101.0, 99.0)), measurement("sample", "ms/op", List.of(0.2, 0.202, 0.198)));
        assertEquals(2.0, change.ratio(), 1e-9, "units are normalised before the ratio");
        assertFalse(change.better());
        assertEquals("worse", change.verdict());
    }

    @Test
    void forksThatScatterMakeNoSignificantChange() {
        RunComparison.Change change = new RunComparison.Change("k",
                measurement("thrpt", "ops/s", List.of(100.0, 150.0, 60.0)), measurement("thrpt", "ops/s", List.of(120.0, 170.0, 80.0)));
        assertEquals("no", change.significance());
        assertTrue(change.verdict().startsWith("no significant change"), change.verdict());
        assertTrue(change.method().contains("3 forks"), change.method());
    }

    @Test
    void threeForksAgainstOneUseJmhsIntervalForBoth() {
        RunComparison.Change change = new RunComparison.Change("k",
                measurement("thrpt", "ops/s", List.of(100.0, 101.0, 99.0)), measurement("thrpt", "ops/s", List.of(300.0)));
        assertEquals("JMH 99.9%", change.method());
    }

    @Test
    void oneForkWithoutJmhErrorIsUndecided() {
        RunComparison.Change change = new RunComparison.Change("k",
                measurement("thrpt", "ops/s", List.of(100.0)), measurement("thrpt", "ops/s", List.of(300.0)));
        assertEquals("unknown", change.significance());
        assertEquals("JMH 99.9%", change.method());
    }

    @Test
    @Tag(Need.JMH)
    void comparesTwoRunsAndNamesADifferentMachine() throws IOException {
        Path a = TinyRun.copy();
        Path dir = Files.createTempDirectory("nebula-compare");
        Path b = dir.resolve("20260202T000000Z.json");
        Files.copy(a, b);
        ObjectMapper json = new ObjectMapper();
        ObjectNode sidecar = (ObjectNode) json.readTree(ResultFiles.sidecar(a).toFile());
        ((ObjectNode) sidecar.path("machine")).put("cpuModel", "Another CPU");
        Files.writeString(ResultFiles.sidecar(b), json.writeValueAsString(sidecar));

        RunComparison.main(List.of(a.toString(), b.toString()));
        String name = ResultFiles.stamp(a) + "-vs-" + ResultFiles.stamp(b);
        String markdown = Files.readString(dir.resolve(name + ".md"));
        String html = Files.readString(dir.resolve(name + ".html"));
        long cases = JmhResults.read(a).size();
        assertEquals(cases, markdown.lines().filter(line -> line.startsWith("| ColdStart") || line.startsWith("| SteadyState")).count());
        assertTrue(markdown.contains("| 1.00× |"), "the same run against itself is not 1.00×");
        assertTrue(markdown.contains("different machine: Another CPU"), markdown);
        assertTrue(html.contains("different machine: Another CPU") && html.contains("<table class=\"sortable\""));
        assertFalse(markdown.contains("| yes |"), "a run against its own copy cannot change significantly");
    }

    @Test
    void runsWithNoCaseInCommonAreBadInputNotAnEmptyTable(@TempDir Path temp) throws Exception {
        String results = Files.readString(Path.of(RunComparisonTest.class.getResource("/results/unsettled.json").toURI()));
        Path a = Files.writeString(temp.resolve("20260101T000000Z.json"), results);
        Path b = Files.writeString(temp.resolve("20260102T000000Z.json"), results.replace("\"fn\" : \"fib\"", "\"fn\" : \"prime\""));
        NebulaException e = assertThrows(NebulaException.class, () -> RunComparison.main(List.of(a.toString(), b.toString())));
        assertTrue(e.getMessage().contains("no case in common"), e.getMessage());
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(2, files.count(), "no comparison file is written");
        }
    }
}
