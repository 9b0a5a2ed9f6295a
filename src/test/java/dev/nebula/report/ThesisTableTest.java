package dev.nebula.report;

import dev.nebula.results.ResultFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The thesis's and the resources tables on a run with known numbers in the shape the newer benchmarks write (CPU and
 * energy per op, density, deploy, scale from zero with a jdk parameter, artifact sizes in the sidecar): every ratio
 * is the baseline's over the wasm runtime's, from the right metric.
 */
class ThesisTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode metric(double median, String unit) {
        ObjectNode metric = JSON.createObjectNode().put("score", median).put("scoreError", "NaN").put("scoreUnit", unit);
        metric.putObject("scorePercentiles").put("50.0", median).put("90.0", median * 1.5).put("99.0", median * 2);
        metric.putArray("rawData").addArray().add(median).add(median);
        return metric;
    }

    private static ObjectNode entry(ArrayNode run, String benchmark, String mode, String runtime, double median, String unit,
                                    Map<String, String> extraParams) {
        ObjectNode entry = run.addObject().put("benchmark", "dev.nebula.bench." + benchmark).put("mode", mode).put("forks", 1);
        ObjectNode params = entry.putObject("params").put("runtime", runtime).put("fn", "fib").put("n", "S").put("abi", "default");
        extraParams.forEach(params::put);
        entry.set("primaryMetric", metric(median, unit));
        entry.putObject("secondaryMetrics");
        return entry;
    }

    private static void secondary(ObjectNode entry, String label, double value, String unit) {
        ((ObjectNode) entry.path("secondaryMetrics")).set(label, metric(value, unit));
    }

    private static Path run() throws IOException {
        ArrayNode run = JSON.createArrayNode();
        Map<String, double[]> cold = Map.of("docker", new double[] {100_000, 50_000, 5_000}, "process", new double[] {2_000, 1_600, Double.NaN},
                "chicory-aot", new double[] {1_000, 800, 100});
        cold.forEach((runtime, v) -> {
            ObjectNode e = entry(run, "ColdStartWarmHost.coldInvoke", "sample", runtime, v[0], "us/op", Map.of());
            secondary(e, "cpu.machine", v[1], "µs/op");
            if (Double.isFinite(v[2])) {
                secondary(e, "energy.estimated", v[2] / 1000, "mJ/op"); // units are converted, not assumed
            }
        });
        entry(run, "SteadyState.invoke", "thrpt", "docker", 10_000, "ops/s", Map.of());
        entry(run, "SteadyState.invoke", "thrpt", "process", 20_000, "ops/s", Map.of());
        entry(run, "SteadyState.invoke", "thrpt", "chicory-aot", 1_000_000, "ops/s", Map.of());
        entry(run, "SteadyState.invoke", "thrpt", "java", 2_000_000, "ops/s", Map.of());
        for (String runtime : List.of("docker", "chicory-aot")) {
            ObjectNode density = entry(run, "Density.instances", "ss", runtime, 5_000, "us/op", Map.of());
            secondary(density, "memory.perInstance", runtime.equals("docker") ? 10 << 20 : 1 << 20, "B");
            secondary(density, "memory.instancesPerGiB", runtime.equals("docker") ? 102.4 : 1024, "instances/GiB");
        }
        entry(run, "DeployModule.deploy", "ss", "chicory-aot", 30_000, "us/op", Map.of());
        entry(run, "ColdStartProcess.scaleFromZero", "ss", "java", 300_000, "us/op", Map.of("jdk", "plain"));
        entry(run, "ColdStartProcess.scaleFromZero", "ss", "java", 150_000, "us/op", Map.of("jdk", "aotcache"));

        Path dir = Files.createTempDirectory("nebula-thesis");
        Path json = dir.resolve("20260303T000000Z.json");
        Files.writeString(json, JSON.writeValueAsString(run));
        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.putObject("machine").put("cpuModel", "Test CPU").put("cores", 4);
        sidecar.putObject("jdk").put("java.version", "25.0.3").put("java.vm.name", "OpenJDK").put("java.vm.version", "25.0.3");
        // The shape EnvSidecar writes: artifacts.perRuntime.<runtime>.
        sidecar.putObject("artifacts").putObject("perRuntime").put("docker", 2_000_000).put("chicory-aot", 20_000);
        Files.writeString(ResultFiles.sidecar(json), JSON.writeValueAsString(sidecar));
        return json;
    }

    /** The cells of the table row that starts with {@code first} and {@code second}. */
    private static List<String> row(String page, String tableId, String first, String second) {
        String table = page.substring(page.indexOf("id=\"" + tableId + "\""));
        table = table.substring(0, table.indexOf("</table>"));
        Matcher rows = Pattern.compile("<tr>(.*?)</tr>").matcher(table);
        while (rows.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(rows.group(1));
            while (cell.find()) {
                cells.add(cell.group(1));
            }
            if (cells.size() > 1 && cells.get(0).equals(first) && (second == null || cells.get(1).equals(second))) {
                return cells;
            }
        }
        throw new AssertionError("no row " + first + " " + second + " in " + tableId);
    }

    @Test
    void everyRatioIsTheBaselinesOverTheWasmRuntimes() throws IOException {
        Path json = run();
        Report.write(json);
        String page = Files.readString(ResultFiles.beside(json, ".html"));

        // cold 100 000/1 000, warm (1/10 000)/(1/1 000 000), CPU 50 000/800, energy 5 000/100 µJ, memory 10/1 MiB, artifact
        assertEquals(List.of("chicory-aot", "docker", "100×", "100×", "62.5×", "50.0×", "10.0×", "100×"),
                row(page, "thesis-table-fib", "chicory-aot", "docker"));
        // process has no energy, no density case and no artifact: those ratios are missing, not invented
        assertEquals(List.of("chicory-aot", "process", "2.00×", "50.0×", "2.00×", "–", "–", "–"),
                row(page, "thesis-table-fib", "chicory-aot", "process"));

        assertEquals(List.of("chicory-aot", "1.00 ms", "800 µs", "100 µJ (estimated)", "–", "1.00 MiB", "1.02 k", "19.5 KiB"),
                row(page, "resources-table", "chicory-aot", null));
        assertTrue(page.contains("(estimated): energy = CPU time"), "the estimate is not explained");
    }

    @Test
    void theNewerBenchmarksFindTheirCharts() throws IOException {
        Path json = run();
        Report.write(json);
        String page = Files.readString(ResultFiles.beside(json, ".html"));
        List<String> charts = HtmlReportTest.chartNames(page);
        for (String title : List.of("Cold start, warm host", "Scale from zero", "Deploy")) {
            assertTrue(charts.stream().anyMatch(c -> c.startsWith(title)), title + " not among " + charts);
        }
        assertTrue(page.contains("<td class=\"text\">java jdk=aotcache</td>"), "the jdk parameter does not tell cases apart");
        assertTrue(page.contains("4 runtimes; (one-shot): a process or container"), "scale from zero without docker and process beside");
        assertFalse(page.contains("not in this run"), "a present benchmark said to be missing");
        assertTrue(charts.stream().allMatch(c -> c.contains("Test CPU, 4 cores") && c.contains("JDK 25.0.3")), charts.toString());
    }
}
