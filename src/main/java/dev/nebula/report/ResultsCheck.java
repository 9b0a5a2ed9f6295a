package dev.nebula.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates a result file against what its run planned (read from the sidecar): every planned benchmark is there,
 * every runtime × fn × n of each benchmark has a result, and every score is a finite number. A benchmark that
 * failed leaves no entry in JMH's JSON, so a gap here is a failure somewhere in the run.
 *
 * <p>Usage: {@code ResultsCheck FILE.json [--require-all-runtimes]}; exit status 1 lists the problems. With
 * {@code --require-all-runtimes} a runtime that the run skipped (no Docker engine, say) is a problem too.
 */
public final class ResultsCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsCheck() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: ResultsCheck FILE.json [--require-all-runtimes]");
            System.exit(2);
        }
        boolean requireAll = List.of(args).contains("--require-all-runtimes");
        List<String> problems;
        try {
            problems = check(Path.of(args[0]), requireAll);
        } catch (NebulaException e) {
            problems = List.of(e.getMessage());
        }
        if (problems.isEmpty()) {
            List<Measurement> measurements = JmhResults.read(Path.of(args[0]));
            System.out.println("ok: " + args[0] + ": " + measurements.size() + " results, runtimes "
                    + new TreeSet<>(measurements.stream().map(Measurement::runtime).toList()) + ", every score finite");
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
            return problems;
        }
        for (Measurement m : measurements) {
            checkFinite(m, problems);
        }
        Plan plan = Plan.read(ResultFiles.sidecar(json));
        if (plan == null) {
            problems.add("no sidecar " + ResultFiles.sidecar(json) + ": cannot tell what the run planned");
        } else {
            checkPlanned(measurements, plan, problems);
            if (requireAllRuntimes) {
                plan.skipped().forEach((runtime, reason) -> problems.add("runtime " + runtime + " was skipped: " + reason));
            }
        }
        checkGrids(measurements, plan, problems);
        return problems;
    }

    private static void checkFinite(Measurement m, List<String> problems) {
        String what = describe(m);
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

    private static void checkPlanned(List<Measurement> measurements, Plan plan, List<String> problems) {
        Set<String> benchmarks = new TreeSet<>(measurements.stream().map(Measurement::benchmark).toList());
        plan.benchmarks().stream().filter(b -> !benchmarks.contains(b))
                .forEach(b -> problems.add("benchmark " + b + " has no result at all"));
        Set<String> functions = new TreeSet<>(measurements.stream().map(Measurement::fn).toList());
        plan.functions().stream().filter(fn -> !functions.contains(fn))
                .forEach(fn -> problems.add("fn " + fn + " has no result at all"));
    }

    /** Within one benchmark and ABI, every runtime must have every (fn, n) that any runtime has. */
    private static void checkGrids(List<Measurement> measurements, Plan plan, List<String> problems) {
        Map<String, List<Measurement>> groups = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            groups.computeIfAbsent(m.benchmark() + " " + m.mode() + " abi=" + m.abi(), key -> new ArrayList<>()).add(m);
        }
        groups.forEach((group, members) -> {
            Set<String> runtimes = new LinkedHashSet<>();
            if (plan != null) {
                String abi = members.getFirst().abi();
                runtimes.addAll(abi.equals("wasi") ? plan.wasiRuntimes() : abi.equals("default") ? plan.runtimes() : List.of());
            }
            members.forEach(m -> runtimes.add(m.runtime()));
            Set<String> inputs = new LinkedHashSet<>();
            members.forEach(m -> inputs.add(m.fn() + " n=" + m.n()));
            Set<String> present = new LinkedHashSet<>();
            members.forEach(m -> present.add(m.runtime() + " × " + m.fn() + " n=" + m.n()));
            for (String runtime : runtimes) {
                for (String input : inputs) {
                    if (!present.contains(runtime + " × " + input)) {
                        problems.add(group + ": no result for " + runtime + " × " + input);
                    }
                }
            }
        });
    }

    private static String describe(Measurement m) {
        return m.benchmarkClass() + " " + m.params();
    }

    /** What the run planned, as its sidecar records it. */
    private record Plan(List<String> runtimes, List<String> wasiRuntimes, List<String> functions,
                        List<String> benchmarks, Map<String, String> skipped) {

        static Plan read(Path sidecar) {
            if (!Files.isRegularFile(sidecar)) {
                return null;
            }
            try {
                JsonNode run = JSON.readTree(sidecar.toFile()).path("run");
                Map<String, String> skipped = new LinkedHashMap<>();
                run.path("skipped").properties().forEach(skip -> skipped.put(skip.getKey(), skip.getValue().asText()));
                return new Plan(strings(run.path("runtimes")), strings(run.path("wasiRuntimes")),
                        strings(run.path("functions")), strings(run.path("benchmarks")), skipped);
            } catch (IOException e) {
                throw new NebulaException("cannot read the sidecar " + sidecar + ": " + e.getMessage(), e);
            }
        }

        private static List<String> strings(JsonNode array) {
            List<String> values = new ArrayList<>();
            array.forEach(value -> values.add(value.asText()));
            return values;
        }
    }
}
