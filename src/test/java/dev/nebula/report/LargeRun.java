package dev.nebula.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.BuildInfo;
import dev.nebula.function.CatalogFunction;
import dev.nebula.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JMH-shaped run of thousands of cases made from the committed run: every case copied at many explicit n (a sweep,
 * as issue 21 asks for), SteadyState most of all, as a real sweep would multiply it. The numbers are the committed
 * run's; only the parameters differ, so every section of the report has work to do.
 */
final class LargeRun {
    static final Path COMMITTED = Path.of(BuildInfo.PROJECT_DIR, "jmh-results", "20261125T170525Z.json");
    /** Copies of each SteadyState case and of each other case: 90 × 40 + 57 × 10 = 4,170 cases. */
    static final int STEADY_COPIES = 40;
    static final int OTHER_COPIES = 10;

    private LargeRun() {}

    /** Writes the run (and the committed sidecar beside it) into {@code dir}; returns the JSON and its case count. */
    static Path write(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode committed = json.readTree(COMMITTED.toFile());
        ArrayNode large = json.createArrayNode();
        for (JsonNode entry : committed) {
            boolean steady = entry.path("benchmark").asText().contains(".SteadyState.");
            int copies = steady ? STEADY_COPIES : OTHER_COPIES;
            for (int i = 0; i < copies; i++) {
                ObjectNode copy = entry.deepCopy();
                ObjectNode params = (ObjectNode) copy.path("params");
                if (i > 0) {
                    params.put("n", sweepN(params.path("fn").asText(), i, copies));
                }
                large.add(copy);
            }
        }
        Path file = dir.resolve("20270101T000000Z.json");
        json.writeValue(file.toFile(), large);
        Files.copy(ResultFiles.sidecar(COMMITTED), ResultFiles.sidecar(file));
        return file;
    }

    /** The i-th of {@code copies} log-spaced n within the function's range; a number when the case has no function. */
    private static String sweepN(String fn, int i, int copies) {
        if (fn.isEmpty()) {
            return Integer.toString(i);
        }
        CatalogFunction function = CatalogFunction.byId(fn);
        double low = Math.log(Math.max(1, function.minInput()));
        double high = Math.log(function.maxInput());
        return Long.toString(Math.max(function.minInput(), Math.round(Math.exp(low + (high - low) * i / copies))));
    }
}
