package dev.nebula.report;

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
        checkPlanned(measurements, run.path("planned"), problems);
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

    private static void checkPlanned(List<Measurement> measurements, JsonNode planned, List<String> problems) {
        Set<String> present = new TreeSet<>();
        measurements.forEach(m -> present.add(key(m.benchmark(), new TreeMap<>(m.params()))));
        for (JsonNode benchmark : planned) {
            String name = benchmark.path("benchmark").asText();
            Map<String, List<String>> values = new TreeMap<>();
            benchmark.path("params").properties().forEach(param -> {
                List<String> list = new ArrayList<>();
                param.getValue().forEach(value -> list.add(value.asText()));
                values.put(param.getKey(), list);
            });
            for (Map<String, String> combination : combinations(values)) {
                if (!present.contains(key(name, combination))) {
                    String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
                    problems.add(shortName + " " + combination + ": no result");
                }
            }
        }
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
