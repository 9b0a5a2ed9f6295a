package dev.nebula.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON that JMH writes with {@code -rf json}. */
public final class JmhResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhResults() {}

    public static List<Measurement> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new NebulaException("cannot read JMH results " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new NebulaException(file + " is not a JMH JSON result file (expected an array of benchmarks)");
        }
        List<Measurement> measurements = new ArrayList<>();
        for (JsonNode entry : root) {
            Map<String, String> params = new LinkedHashMap<>();
            entry.path("params").properties().forEach(param -> params.put(param.getKey(), param.getValue().asText()));
            Map<String, Metric> secondary = new LinkedHashMap<>();
            entry.path("secondaryMetrics").properties().forEach(metric -> secondary.put(metric.getKey(), metric(metric.getValue())));
            measurements.add(new Measurement(entry.path("benchmark").asText(), entry.path("mode").asText(), params,
                    metric(entry.path("primaryMetric")), secondary, entry.path("forks").asInt()));
        }
        return measurements;
    }

    private static Metric metric(JsonNode node) {
        List<Double> samples = new ArrayList<>();
        for (JsonNode fork : node.path("rawData")) {
            fork.forEach(sample -> samples.add(number(sample)));
        }
        return new Metric(number(node.path("score")), number(node.path("scoreError")), node.path("scoreUnit").asText(), samples);
    }

    /** JMH writes NaN and infinities as strings; a missing number is NaN. */
    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
