package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thesis's shape rebuilt from {@code ColdStartCompileCache}: the page's table and the README's block show its
 * timer (deploy + context) and its whole request against docker. The expected figures are read from the JSON here,
 * not through the report's own parsing. Fixture: cases of the committed run 20261203T113140Z (fib at S) beside one
 * short {@code ColdStartCompileCache} run, their sample histograms trimmed.
 */
class ThesisShapeTest {
    private static final String FIXTURE = "/results/thesis-shape.json";

    @TempDir
    Path dir;

    private Path run() throws Exception {
        Path json = dir.resolve("20261203T140000Z.json");
        try (var in = ThesisShapeTest.class.getResourceAsStream(FIXTURE)) {
            Files.write(json, in.readAllBytes());
        }
        return json;
    }

    /** docker's median cold start, the cached request's median, and its deploy + context means, from the raw JSON. */
    private static Map<String, Double> expected(Path json) throws Exception {
        double docker = Double.NaN;
        double whole = Double.NaN;
        double timer = Double.NaN;
        for (JsonNode c : new ObjectMapper().readTree(json.toFile())) {
            String benchmark = c.path("benchmark").asText();
            if (benchmark.endsWith("ColdStartWarmHost.coldInvoke") && c.path("params").path("runtime").asText().equals("docker")) {
                docker = c.path("primaryMetric").path("scorePercentiles").path("50.0").asDouble();
            }
            if (benchmark.endsWith("ColdStartCompileCache.deployAndInvoke")) {
                whole = c.path("primaryMetric").path("scorePercentiles").path("50.0").asDouble();
                timer = c.path("secondaryMetrics").path("phase.1.deploy").path("score").asDouble()
                        + c.path("secondaryMetrics").path("phase.2.context").path("score").asDouble();
            }
        }
        return Map.of("docker", docker, "whole", whole, "timer", timer);
    }

    @Test
    void thePageShowsTheCachedTimerAndWholeRequestAgainstDocker() throws Exception {
        Path json = run();
        Map<String, Double> want = expected(json);
        Report.write(json);
        String html = Files.readString(dir.resolve("20261203T140000Z.html"), StandardCharsets.UTF_8);
        int table = html.indexOf("id=\"thesis-shape\"");
        assertTrue(table > 0, "no thesis-shape table on the page");
        String section = html.substring(table, html.indexOf("</table>", table));
        for (String figure : new String[] {Numbers.time(want.get("timer")), Numbers.time(want.get("whole")),
                Numbers.ratio(want.get("docker") / want.get("timer")), Numbers.ratio(want.get("docker") / want.get("whole"))}) {
            assertTrue(section.contains(figure), figure + " is not in the page's table: " + section);
        }
    }

    @Test
    void theReadmeBlockHasTheCachedRowsAndRatios() throws Exception {
        Path json = run();
        Map<String, Double> want = expected(json);
        String block = new ReadmeResults(json, dir.resolve("README.md")).blocks().get("thesis-shape");
        assertTrue(block.contains("**whole request, code from the cache**"), block);
        assertTrue(block.contains("gives " + Numbers.ratio(want.get("docker") / want.get("timer")) + " (its timer's part) and "
                + Numbers.ratio(want.get("docker") / want.get("whole")) + " (the whole request)"), block);
    }

    @Test
    void aRunWithoutTheCachedCaseSaysSoInsteadOfARow() throws Exception {
        Path json = dir.resolve("20261203T140001Z.json");
        JsonNode all = new ObjectMapper().readTree(ThesisShapeTest.class.getResourceAsStream(FIXTURE));
        var without = new ObjectMapper().createArrayNode();
        all.forEach(c -> {
            if (!c.path("benchmark").asText().contains("ColdStartCompileCache")) {
                without.add(c);
            }
        });
        new ObjectMapper().writeValue(json.toFile(), without);
        String block = new ReadmeResults(json, dir.resolve("README.md")).blocks().get("thesis-shape");
        assertTrue(block.contains("has no `ColdStartCompileCache` case"), block);
        assertTrue(!block.contains("code from the cache"), block);
    }
}
