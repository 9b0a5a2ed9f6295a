package dev.nebula.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of a run whose every primary figure is {@code factor} times slower: times multiplied, throughputs divided. */
final class SlowerRun {
    private SlowerRun() {}

    static Path write(Path run, Path dir, String stamp, double factor) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(run.toFile());
        for (JsonNode entry : root) {
            ObjectNode primary = (ObjectNode) entry.path("primaryMetric");
            double scale = entry.path("mode").asText().equals("thrpt") ? 1 / factor : factor;
            for (String field : new String[] {"score", "scoreError"}) {
                primary.set(field, scaled(primary.path(field), scale));
            }
            scaleAll(primary.path("scoreConfidence"), scale);
            ObjectNode percentiles = (ObjectNode) primary.path("scorePercentiles");
            percentiles.properties().forEach(p -> p.setValue(scaled(p.getValue(), scale)));
            scaleAll(primary.path("rawData"), scale);
            for (JsonNode fork : primary.path("rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    for (JsonNode bin : iteration) {
                        ((ArrayNode) bin).set(0, scaled(bin.path(0), scale));
                    }
                }
            }
        }
        Path copy = dir.resolve(stamp + ".json");
        json.writeValue(copy.toFile(), root);
        Files.copy(ResultFiles.sidecar(run), ResultFiles.sidecar(copy));
        return copy;
    }

    /** Every number in a (nested) array, scaled in place. */
    private static void scaleAll(JsonNode node, double scale) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isContainerNode()) {
                    scaleAll(array.get(i), scale);
                } else {
                    array.set(i, scaled(array.get(i), scale));
                }
            }
        }
    }

    /** JMH writes some numbers as strings ("NaN"); those stay as they are. */
    private static JsonNode scaled(JsonNode value, double scale) {
        return value.isNumber() ? DoubleNode.valueOf(value.asDouble() * scale) : value;
    }
}
