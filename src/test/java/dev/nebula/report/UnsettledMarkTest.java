package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.Need;
import dev.nebula.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A host whose warm-up hit its settle cap ({@code warmup.capped} = 1 in some fork) is marked ‡ wherever its figure
 * appears, with a legend: page, Markdown and CSV. The tiny run's cases are rewritten to capped for fib, settled for fact.
 */
@Tag(Need.JMH)
class UnsettledMarkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sets every case's warmup.capped to {@code fibCapped} for fib and to 0 otherwise; returns how many fib cases carry it. */
    private static int rewriteCapped(Path json, boolean fibCapped) throws IOException {
        ArrayNode results = (ArrayNode) JSON.readTree(json.toFile());
        int marked = 0;
        for (JsonNode entry : results) {
            JsonNode capped = entry.path("secondaryMetrics").path(MetricMaths.WARMUP_CAPPED);
            if (capped.isMissingNode()) {
                continue;
            }
            boolean fib = entry.path("params").path("fn").asText().equals("fib");
            double value = fib && fibCapped ? 1 : 0;
            marked += value > 0 ? 1 : 0;
            ((ObjectNode) capped).put("score", value);
            for (JsonNode fork : capped.path("rawData")) {
                for (int i = 0; i < fork.size(); i++) {
                    // one fork capped is enough: the first iteration of the first fork says so, the rest settled
                    ((ArrayNode) fork).set(i, JSON.getNodeFactory().numberNode(i == 0 ? value : 0.0));
                }
            }
        }
        Files.writeString(json, JSON.writeValueAsString(results));
        return marked;
    }

    @Test
    void aCappedCaseIsMarkedOnThePageInMarkdownAndInCsv() throws IOException {
        Path json = TinyRun.copy();
        assertTrue(rewriteCapped(json, true) >= 2, "the tiny run has no warm host or steady state with warmup.capped");
        Report.write(json);

        String markdown = Files.readString(ResultFiles.beside(json, ".md"));
        String warmHost = markdown.substring(markdown.indexOf("## Cold start, warm host"), markdown.indexOf("## Scale from zero"));
        String javaRow = warmHost.lines().filter(line -> line.startsWith("| java |")).findFirst().orElseThrow();
        List<String> cells = List.of(javaRow.split("\\|"));
        int fib = List.of(warmHost.lines().filter(line -> line.startsWith("| runtime |")).findFirst().orElseThrow().split("\\|"))
                .stream().map(String::strip).toList().indexOf("fib");
        int fact = fib == 2 ? 3 : 2;
        assertTrue(cells.get(fib).contains("‡"), "fib's cold start is not marked: " + javaRow);
        assertFalse(cells.get(fact).contains("‡"), "fact's settled cold start is marked: " + javaRow);
        assertTrue(warmHost.contains("‡ Unsettled: the warm-up hit its settle cap"), "no legend under the warm host:\n" + warmHost);
        String steady = markdown.substring(markdown.indexOf("## Steady state"));
        assertTrue(steady.contains("‡ Unsettled"), "no legend under the steady state:\n" + steady);

        List<String> csv = Files.readAllLines(ResultFiles.beside(json, ".csv"));
        assertTrue(csv.getFirst().endsWith(",unsettled"), csv.getFirst());
        for (String row : csv.subList(1, csv.size())) {
            boolean capped = row.contains(",fib,") && (row.startsWith(Report.WARM_HOST) || row.startsWith(Report.STEADY));
            assertEquals(capped ? "1" : "0", row.substring(row.lastIndexOf(',') + 1), row);
        }

        String page = Files.readString(ResultFiles.beside(json, ".html"));
        assertTrue(page.contains("<td class=\"text\">java ‡</td><td class=\"text\">fib</td>"), "the page's tables do not mark fib");
        assertFalse(page.contains("<td class=\"text\">java ‡</td><td class=\"text\">fact</td>"), "the page marks settled fact");
        assertTrue(page.contains("unsettled: hit the settle cap"), "no legend on the page");
        assertTrue(HtmlReportTest.chartNames(page).getFirst().contains("Cold start, warm host (fn=fib"), "headline is not fib");
        assertTrue(Files.readString(ResultFiles.beside(json, "-cold-start.svg")).contains("‡ unsettled: hit the settle cap"),
                "the headline chart carries ‡ without its legend, and the README shows it alone");
    }

    @Test
    void aSettledRunCarriesNoMark() throws IOException {
        Path json = TinyRun.copy();
        rewriteCapped(json, false);
        Report.write(json);
        assertFalse(Files.readString(ResultFiles.beside(json, ".md")).contains("‡"), "a settled run is marked in Markdown");
        assertFalse(Files.readString(ResultFiles.beside(json, ".html")).contains("‡"), "a settled run is marked on the page");
        assertTrue(Files.readAllLines(ResultFiles.beside(json, ".csv")).stream().skip(1).allMatch(row -> row.endsWith(",0")));
    }
}
