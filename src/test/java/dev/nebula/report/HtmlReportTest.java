package dev.nebula.report;

import dev.nebula.results.ResultFiles;
import dev.nebula.Need;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The run's HTML page: self-contained, every section there or said to be missing, charts labelled, gaps as "–". */
class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COMMITTED_RUN = Path.of("jmh-results/20261125T170525Z.json");
    private static final Pattern CHART = Pattern.compile("<svg role=\"img\" class=\"chart\" aria-label=\"([^\"]*)\"");

    @Test
    @Tag(Need.JMH)
    void writesASelfContainedPageBesideTheResults() throws IOException {
        Path json = TinyRun.copy();
        List<Path> written = Report.write(json);
        Path html = ResultFiles.beside(json, ".html");
        assertTrue(written.contains(html), written.toString());
        String page = Files.readString(html);

        for (String section : List.of("id=\"cold-start\"", "id=\"steady-state\"", "id=\"scaling\"", "id=\"phases\"",
                "id=\"resources\"", "id=\"thesis\"", "<table class=\"sortable\"", "<script>")) {
            assertTrue(page.contains(section), "missing " + section);
        }
        // Nothing to fetch: no external script, style, image or link; SVG's xmlns is a name, not a request.
        for (String fetch : List.of("<script src", "<link", "<img", "src=\"http", "href=\"http", "url(http", "@import")) {
            assertFalse(page.contains(fetch), "the page fetches something: " + fetch);
        }
        assertFalse(page.contains("<?xml"), "an inlined SVG kept its XML prolog");
        // The headline beside it, for a README: the page's first chart, as a standalone file.
        Path svg = ResultFiles.beside(json, "-cold-start.svg");
        assertTrue(written.contains(svg), written.toString());
        String headline = Files.readString(svg);
        assertTrue(headline.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), "not a standalone SVG file");
        int first = page.indexOf("<svg ");
        assertEquals(page.substring(first, page.indexOf("</svg>", first) + "</svg>".length()), headline.substring(headline.indexOf("<svg ")).strip(),
                "the headline is not the page's first chart");
        List<String> charts = chartNames(page);
        assertTrue(charts.size() >= 3, charts.toString());
        assertTrue(charts.getFirst().startsWith("Cold start, warm host"), charts.toString());
        for (String chart : charts) {
            assertTrue(chart.contains("run " + ResultFiles.stamp(json)), "chart without its run: " + chart);
            assertTrue(chart.contains(" cores"), "chart without its machine: " + chart);
            assertTrue(chart.matches(".*\\| y: .*(µs|ms|÷).*"), "chart whose y axis has no unit: " + chart);
        }
        // A run of java alone has no wasm runtime and no container to put in the thesis's table, and says so.
        assertTrue(page.contains("needs cold starts of a wasm runtime"), "the thesis table does not say what it lacks");
        assertTrue(page.contains("Density (memory per live instance): not in this run"));
    }

    @Test
    void rendersTheCommittedRunWithTheThesisTable() throws IOException {
        Path json = copyOfCommittedRun();
        Report.write(json);
        String page = Files.readString(ResultFiles.beside(json, ".html"));
        assertTrue(page.contains("id=\"thesis-table-fib\""), "no thesis table for fib");
        for (String runtime : List.of("chicory-aot", "graalwasm", "chicory-compiler (wasi)")) {
            assertTrue(page.contains("<td class=\"text\">" + runtime + "</td><td class=\"text\">docker</td>"), runtime + " vs docker");
            assertTrue(page.contains("<td class=\"text\">" + runtime + "</td><td class=\"text\">process</td>"), runtime + " vs process");
        }
        assertTrue(page.contains("365×") && page.contains("198×") && page.contains("14–138×"), "the thesis's own figures");
        assertTrue(page.contains("(estimated)"), "an estimate not labelled");
        assertTrue(chartNames(page).getFirst().startsWith("Cold start, warm host (fn=fib, n=S)"), chartNames(page).toString());
        assertTrue(chartNames(page).stream().anyMatch(c -> c.startsWith("Scale from zero")), chartNames(page).toString());
        // graalwasm's WASI warm host hit its settle cap in this run: marked in the tables, the headline and the thesis's table
        assertTrue(page.contains("<td class=\"text\">graalwasm (wasi) ‡</td><td class=\"text\">fib</td><td class=\"text\">S</td>"),
                "the unsettled case is not marked in the cold-start table");
        assertTrue(page.contains("unsettled: hit the settle cap"), "no legend for ‡");
        assertTrue(chartNames(page).stream().anyMatch(c -> c.startsWith("Phases of one cold request")), "no phase chart");
    }

    @Test
    @Tag(Need.JMH)
    void aPartialRunWithNanAndInfinityRendersDashes() throws IOException {
        Path json = TinyRun.copy();
        ArrayNode results = (ArrayNode) JSON.readTree(json.toFile());
        ArrayNode partial = JSON.createArrayNode();
        for (JsonNode entry : results) {
            if (entry.path("benchmark").asText().contains("SteadyState")) {
                continue; // a run that lost its steady state
            }
            ObjectNode primary = (ObjectNode) entry.path("primaryMetric");
            if (entry.path("params").path("fn").asText().equals("fib")) {
                primary.put("score", "NaN").put("scoreError", "Infinity");
                ((ObjectNode) primary.path("scorePercentiles")).put("50.0", "NaN").put("90.0", "-Infinity").put("99.0", "Infinity");
            }
            partial.add(entry);
        }
        Files.writeString(json, JSON.writeValueAsString(partial));

        Report.write(json);
        String page = Files.readString(ResultFiles.beside(json, ".html"));
        assertTrue(page.contains("Steady state (one call on a warm instance): not in this run"), "the missing benchmark not named");
        assertTrue(page.contains("SteadyState"), "the plan's missing cases are not listed");
        assertTrue(page.contains(">–</td>"), "a NaN is not shown as –");
        for (String leak : List.of("NaN", "Infinity", "n/a")) {
            assertFalse(Pattern.compile("<td[^>]*>[^<]*" + leak).matcher(page).find(), leak + " shown in a table");
        }
    }

    @Test
    void everyBenchmarkClassHasOneKind() {
        assertEquals(BenchmarkKind.WARM_HOST, BenchmarkKind.of("ColdStartWarmHost"));
        assertEquals(BenchmarkKind.SCALE_FROM_ZERO, BenchmarkKind.of("ColdStartProcess"));
        assertEquals(BenchmarkKind.SCALE_FROM_ZERO, BenchmarkKind.of("ColdStartProcessAot"));
        assertEquals(BenchmarkKind.SCALE_FROM_ZERO, BenchmarkKind.of("ScaleFromZeroProcess"));
        assertEquals(BenchmarkKind.DEPLOY, BenchmarkKind.of("DeployModule"));
        assertEquals(BenchmarkKind.OTHER, BenchmarkKind.of("SomethingElse"));
    }

    @Test
    void runtimeRolesComeFromTheRegistrysDescriptors() {
        assertTrue(RuntimeRoles.isWasm("wasmtime") && RuntimeRoles.isWasm("chicory-aot") && RuntimeRoles.isWasm("graalwasm"));
        assertFalse(RuntimeRoles.isWasm("docker") || RuntimeRoles.isWasm("process") || RuntimeRoles.isWasm("java"));
        assertFalse(RuntimeRoles.isWasm("no-such-runtime"), "an id this build does not register plays no part");
        // Every rung of the ladder registers as a container; the list grows with the registry, not with this test.
        assertTrue(RuntimeRoles.ownProcess().containsAll(List.of("process", "docker", "docker-debian")), RuntimeRoles.ownProcess().toString());
        RuntimeRoles.ownProcess().forEach(id -> assertTrue(RuntimeRoles.kind(id).filter(k -> k != dev.nebula.runtime.RuntimeDescriptor.Kind.IN_JVM).isPresent(), id));
        assertFalse(RuntimeRoles.ownProcess().contains("wasmtime"));
        assertEquals(List.of("graalwasm"), RuntimeRoles.withOwnJvmFlags());
    }

    static List<String> chartNames(String page) {
        List<String> names = new ArrayList<>();
        Matcher matcher = CHART.matcher(page);
        while (matcher.find()) {
            names.add(matcher.group(1).replace("&amp;", "&"));
        }
        return names;
    }

    static Path copyOfCommittedRun() throws IOException {
        Path dir = Files.createTempDirectory("nebula-committed-run");
        Path copy = dir.resolve(COMMITTED_RUN.getFileName());
        Files.copy(COMMITTED_RUN, copy);
        Files.copy(ResultFiles.sidecar(COMMITTED_RUN), ResultFiles.sidecar(copy));
        return copy;
    }
}
