package dev.nebula.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON that JMH writes with {@code -rf json}. */
public final class JmhResults {
    /** JMH writes NaN and infinities as strings; accept them bare too, as some tools write them. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    /** Every benchmark of this suite lives here; a file without them is not a Nebula result. */
    private static final String NEBULA_BENCHMARKS = "dev.nebula.bench.";

    private JmhResults() {}

    /**
     * The measurements of a JMH JSON result file written by this suite. A missing, empty, cut or malformed file,
     * or JMH JSON from another project, is a {@link NebulaException} that names the file and what is wrong.
     */
    public static List<Measurement> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NebulaException(file + ": no such file" + (Files.isDirectory(file) ? " (it is a directory)" : ""));
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new NebulaException(file + " is not complete, valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage().replaceFirst(" \\(start marker at .*", "")
                    + "; a run that was cut short leaves such a file: rerun it", e);
        } catch (IOException e) {
            throw new NebulaException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return measurements(file.toString(), root);
    }

    /**
     * The measurements of results a run holds in memory, read as the file they would be written to is read, so a
     * launcher checks exactly what a later reader of the file sees.
     */
    public static List<Measurement> of(Collection<RunResult> results) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(json, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
        try {
            return measurements("the run's results", JSON.readTree(json.toString(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new NebulaException("JMH's JSON of the run's results is not valid: " + e.getOriginalMessage(), e);
        }
    }

    private static List<Measurement> measurements(String file, JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new NebulaException(file + " is empty: it holds no JMH results");
        }
        if (!root.isArray()) {
            throw new NebulaException(file + " is not a JMH JSON result file (expected an array of benchmarks, found "
                    + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        List<String> foreign = new ArrayList<>();
        for (JsonNode entry : root) {
            String benchmark = entry.path("benchmark").asText();
            if (!benchmark.startsWith(NEBULA_BENCHMARKS) && !foreign.contains(benchmark)) {
                foreign.add(benchmark);
            }
        }
        if (!foreign.isEmpty()) {
            throw new NebulaException(file + " is not a result of the Nebula suite: it holds " + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                    + (foreign.size() > 3 ? " and " + (foreign.size() - 3) + " more" : "") + ", not benchmarks of " + NEBULA_BENCHMARKS
                    + "*; only this suite's JMH JSON can be reported or checked");
        }
        for (JsonNode entry : root) {
            if (!entry.path("benchmark").asText().startsWith(NEBULA_BENCHMARKS)) {
                throw new NebulaException(file + " is not a result of the Nebula suite: it holds " + entry.path("benchmark").asText("an entry without a benchmark")
                        + ", not a benchmark of " + NEBULA_BENCHMARKS + "*");
            }
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
        List<Double> forkCentres = new ArrayList<>();
        long count = 0;
        if (node.has("rawDataHistogram")) { // sample mode: per fork, per iteration, [value, count] pairs
            for (JsonNode fork : node.path("rawDataHistogram")) {
                List<double[]> forkHistogram = new ArrayList<>();
                for (JsonNode iteration : fork) {
                    double sum = 0;
                    long n = 0;
                    for (JsonNode bin : iteration) {
                        double value = number(bin.path(0));
                        long times = bin.path(1).asLong();
                        sum += value * times;
                        n += times;
                        forkHistogram.add(new double[] {value, times});
                    }
                    samples.add(n == 0 ? Double.NaN : sum / n);
                    count += n;
                }
                forkCentres.add(median(forkHistogram));
            }
        } else {
            for (JsonNode fork : node.path("rawData")) {
                double sum = 0;
                int n = 0;
                for (JsonNode sample : fork) {
                    samples.add(number(sample));
                    sum += number(sample);
                    n++;
                }
                forkCentres.add(n == 0 ? Double.NaN : sum / n);
                count += n;
            }
        }
        Map<String, Double> percentiles = new LinkedHashMap<>();
        node.path("scorePercentiles").properties().forEach(p -> percentiles.put(p.getKey(), number(p.getValue())));
        return new Metric(number(node.path("score")), number(node.path("scoreError")), node.path("scoreUnit").asText(),
                samples, percentiles, forkCentres, count);
    }

    /** The median of a histogram given as [value, count] bins. */
    private static double median(List<double[]> bins) {
        bins.sort((a, b) -> Double.compare(a[0], b[0]));
        double total = bins.stream().mapToDouble(bin -> bin[1]).sum();
        double seen = 0;
        for (double[] bin : bins) {
            seen += bin[1];
            if (seen >= total / 2) {
                return bin[0];
            }
        }
        return Double.NaN;
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
