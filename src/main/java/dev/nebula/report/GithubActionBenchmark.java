package dev.nebula.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import dev.nebula.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Report --format github-action-benchmark RUN.json}: the run as github-action-benchmark's custom tools read
 * it, a JSON array of {@code {name, unit, value, range, extra}} per direction, since the tool takes one direction per
 * file: {@code <stamp>.customSmallerIsBetter.json} (times, µs per operation) and {@code <stamp>.customBiggerIsBetter.json}
 * (throughputs, calls per second). Its own {@code jmh} tool treats every score as smaller-is-better, so a throughput
 * that rises would raise its alert. The value is the median, as {@link RunComparison} compares.
 */
final class GithubActionBenchmark {
    static final String FORMAT = "github-action-benchmark";
    static final String SMALLER = ".customSmallerIsBetter.json";
    static final String BIGGER = ".customBiggerIsBetter.json";

    private GithubActionBenchmark() {}

    /** Writes one file per direction the run has, beside it or into {@code dir}; returns them. */
    static List<Path> write(Path json, Path dir) throws IOException {
        List<Measurement> results = JmhResults.read(json);
        List<Path> written = new ArrayList<>();
        String stamp = ResultFiles.stamp(json);
        Path target = dir != null ? dir : json.toAbsolutePath().getParent();
        java.nio.file.Files.createDirectories(target);
        for (boolean bigger : List.of(false, true)) {
            List<Measurement> cases = results.stream().filter(m -> m.higherIsBetter() == bigger && m.primary().isFinite()).toList();
            if (!cases.isEmpty()) {
                Path file = target.resolve(stamp + (bigger ? BIGGER : SMALLER));
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), entries(cases));
                written.add(file);
            }
        }
        return written;
    }

    static ArrayNode entries(List<Measurement> cases) {
        ArrayNode array = new ObjectMapper().createArrayNode();
        for (Measurement m : cases) {
            ObjectNode entry = array.addObject();
            entry.put("name", RunComparison.key(m));
            entry.put("unit", m.higherIsBetter() ? "ops/s" : "us/op");
            entry.put("value", RunComparison.value(m));
            RunComparison.Interval interval = RunComparison.interval(m, m.primary().forkCentres().size() >= 2);
            if (interval.known()) {
                entry.put("range", "± " + Numbers.digits((interval.high() - interval.low()) / 2));
            }
            entry.put("extra", "median of " + m.primary().count() + " samples; " + m.primary().forkCentres().size() + " forks; CI from "
                    + interval.method() + MetricMaths.marks(m));
        }
        return array;
    }
}
