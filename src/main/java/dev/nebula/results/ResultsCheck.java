package dev.nebula.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Validates a result file against what its run planned, as the sidecar records it: every planned case (each
 * benchmark at every combination of its parameters' values) has a result, and every score is a finite number.
 * A benchmark that fails leaves no entry in JMH's JSON, so a gap here is a failure somewhere in the run.
 *
 * <p>Usage: {@code ResultsCheck FILE.json [--require-all-runtimes]}; exit status 1 lists the problems. With
 * {@code --require-all-runtimes} a runtime the run skipped (no Docker engine, say) is a problem too.
 */
public final class ResultsCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsCheck() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: ResultsCheck FILE.json [--require-all-runtimes]");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        List<String> problems;
        try {
            problems = check(json, List.of(args).contains("--require-all-runtimes"));
        } catch (NebulaException e) {
            problems = List.of(e.getMessage());
        }
        if (problems.isEmpty()) {
            List<Measurement> measurements = JmhResults.read(json);
            System.out.println("ok: " + json + ": every planned case has a finite result (" + measurements.size()
                    + " results; runtimes " + new TreeSet<>(measurements.stream().map(Measurement::runtime).toList()) + ")");
            return;
        }
        problems.forEach(problem -> System.err.println("check failed: " + problem));
        System.exit(1);
    }

    /** The problems of {@code json}; empty when it is complete. */
    public static List<String> check(Path json) {
        return check(json, false);
    }

    public static List<String> check(Path json, boolean requireAllRuntimes) {
        List<Measurement> measurements = JmhResults.read(json);
        List<String> problems = new ArrayList<>();
        if (measurements.isEmpty()) {
            problems.add(json + " holds no result at all");
        }
        measurements.forEach(m -> checkFinite(m, problems));
        Path sidecar = ResultFiles.sidecar(json);
        if (!Files.isRegularFile(sidecar)) {
            problems.add("no sidecar " + sidecar + ": cannot tell what the run planned");
            return problems;
        }
        JsonNode run = readTree(sidecar).path("run");
        List<Planned> planned = new ArrayList<>();
        for (JsonNode benchmark : run.path("planned")) {
            Map<String, List<String>> values = new TreeMap<>();
            benchmark.path("params").properties().forEach(param -> {
                List<String> list = new ArrayList<>();
                param.getValue().forEach(value -> list.add(value.asText()));
                values.put(param.getKey(), list);
            });
            planned.add(new Planned(benchmark.path("benchmark").asText(), values));
        }
        problems.addAll(missing(planned, measurements.stream().map(m -> new Present(m.benchmark(), m.params())).toList()));
        if (requireAllRuntimes) {
            run.path("skipped").properties()
                    .forEach(skip -> problems.add("runtime " + skip.getKey() + " was skipped: " + skip.getValue().asText()));
        }
        return problems;
    }

    private static void checkFinite(Measurement m, List<String> problems) {
        String what = m.benchmarkClass() + " " + m.params();
        if (!m.primary().isFinite() || m.primary().score() <= 0) {
            problems.add(what + ": score is " + m.primary().score());
        }
        if (m.primary().samples().isEmpty() || !m.primary().samples().stream().allMatch(Double::isFinite)) {
            problems.add(what + ": samples are missing or not finite: " + m.primary().samples());
        }
        m.secondary().forEach((label, metric) -> {
            if (!metric.isFinite()) {
                problems.add(what + ": secondary metric " + label + " is " + metric.score());
            }
        });
    }

    /** A benchmark a run planned, with every value of each of its parameters. */
    public record Planned(String benchmark, Map<String, List<String>> params) {}

    /** A case that has a result: a benchmark at one value of each parameter. */
    public record Present(String benchmark, Map<String, String> params) {}

    /** One line per planned case (each combination of parameter values) that has no result, e.g. {@code SteadyState.invoke {fn=fib, ...}: no result}. */
    public static List<String> missing(List<Planned> planned, List<Present> present) {
        Set<String> keys = new TreeSet<>();
        present.forEach(p -> keys.add(key(p.benchmark(), new TreeMap<>(p.params()))));
        List<String> problems = new ArrayList<>();
        for (Planned benchmark : planned) {
            String name = benchmark.benchmark();
            for (Map<String, String> combination : combinations(new TreeMap<>(benchmark.params()))) {
                if (!keys.contains(key(name, combination))) {
                    String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
                    problems.add(shortName + " " + combination + ": no result");
                }
            }
        }
        return problems;
    }

    /**
     * The problems of a result file written by a run that produced {@code expectedEntries} results: it must be
     * complete JMH JSON, one entry per result, every score finite. An unreadable or cut file is one problem.
     */
    public static List<String> checkFile(Path json, int expectedEntries) {
        List<Measurement> measurements;
        try {
            measurements = JmhResults.read(json);
        } catch (NebulaException e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (measurements.size() != expectedEntries) {
            problems.add(json + " holds " + measurements.size() + " results, but the run produced " + expectedEntries);
        }
        measurements.forEach(m -> checkFinite(m, problems));
        return problems;
    }

    /** Every combination of one value per parameter, as JMH runs them. */
    static List<Map<String, String>> combinations(Map<String, List<String>> values) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new TreeMap<>());
        values.forEach((name, options) -> {
            List<Map<String, String>> extended = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String option : options) {
                    Map<String, String> next = new TreeMap<>(partial);
                    next.put(name, option);
                    extended.add(next);
                }
            }
            combinations.clear();
            combinations.addAll(extended);
        });
        return combinations;
    }

    private static String key(String benchmark, Map<String, String> params) {
        return benchmark + " " + new LinkedHashMap<>(params);
    }

    private static JsonNode readTree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new NebulaException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
