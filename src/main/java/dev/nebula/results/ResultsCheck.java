package dev.nebula.results;

import dev.nebula.ExitStatus;
import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * The one check of a run's outcome, for both launchers and for CI: every planned case (each benchmark at every
 * combination of its parameters' values) has a result, every score is a finite number, every warm host settled
 * before it was measured, and the result file, if one was written, holds every result. A benchmark that fails
 * leaves no entry in JMH's JSON, so a gap is a failure somewhere in the run. Plain JMH exits 0 when every benchmark
 * failed and over a result file cut short by a full disk; a run is good here only when this finds nothing.
 *
 * <p>Usage: {@code ResultsCheck FILE.json [--require-all-runtimes] [--allow-unsettled]}; exit status 1 lists the problems. With
 * {@code --require-all-runtimes} a runtime the run skipped (no Docker engine, say) is a problem too. A warm host
 * still compiling when measured ({@code warmup.capped} = 1) is a problem unless {@code --allow-unsettled} or
 * {@code -D}{@value #ALLOW_UNSETTLED}{@code =true}, or the run was the quick smoke run, which caps every warm-up at zero by design.
 */
public final class ResultsCheck {
    public static final String ALLOW_UNSETTLED = "nebula.allowUnsettled";
    /** The same as a launcher option, for {@code mvn verify -Pjmh -Djmh.check.args=--allow-unsettled}. */
    public static final String ALLOW_UNSETTLED_OPTION = "--allow-unsettled";
    static final String WARMUP_CAPPED = "warmup.capped";

    /**
     * What a run asked for, against which its results are checked.
     *
     * @param skipped the runtimes the run left out, with why: a problem when {@code requireAllRuntimes}
     * @param allowUnsettled whether a warm host still compiling when measured is accepted
     */
    public record Expected(List<Sidecar.Planned> planned, Map<String, String> skipped, boolean requireAllRuntimes,
                           boolean allowUnsettled) {
        /** A run's expectations, accepting unsettled hosts only for the quick run or when {@value #ALLOW_UNSETTLED} says so. */
        public static Expected of(List<Sidecar.Planned> planned, Map<String, String> skipped, boolean requireAllRuntimes, boolean quick) {
            return new Expected(planned, skipped, requireAllRuntimes, quick || Boolean.getBoolean(ALLOW_UNSETTLED));
        }
    }

    private ResultsCheck() {}

    public static void main(String[] args) throws Exception {
        ExitStatus.run("check", () -> {
            if (args.length == 0) {
                throw new NebulaException("usage: ResultsCheck FILE.json [--require-all-runtimes] [" + ALLOW_UNSETTLED_OPTION + "]");
            }
            if (List.of(args).contains(ALLOW_UNSETTLED_OPTION)) {
                System.setProperty(ALLOW_UNSETTLED, "true");
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
                return ExitStatus.OK;
            }
            problems.forEach(problem -> System.err.println("check failed: " + problem));
            return ExitStatus.FAILED;
        });
    }

    /** The problems of {@code json}; empty when it is complete. */
    public static List<String> check(Path json) {
        return check(json, false);
    }

    /** The problems of a result file against what its sidecar says the run planned. */
    public static List<String> check(Path json, boolean requireAllRuntimes) {
        List<Measurement> measurements = JmhResults.read(json);
        List<String> problems = new ArrayList<>();
        if (measurements.isEmpty()) {
            problems.add(json + " holds no result at all");
        }
        Path sidecarFile = ResultFiles.sidecar(json);
        if (!Files.isRegularFile(sidecarFile)) {
            problems.addAll(problems(new Expected(List.of(), Map.of(), false, true), measurements));
            problems.add("no sidecar " + sidecarFile + ": cannot tell what the run planned");
            return problems;
        }
        Sidecar sidecar = Sidecar.read(sidecarFile);
        problems.addAll(problems(Expected.of(sidecar.planned(), sidecar.skipped(), requireAllRuntimes, sidecar.quick()), measurements));
        return problems;
    }

    /**
     * The problems of a run that just finished, from what its passes returned and the result file written from them
     * (null when none was asked for or it could be written nowhere; the writer reports that).
     *
     * @param format the file's format: only JSON can be checked entry by entry, the others are checked for being there
     */
    public static List<String> check(Expected expected, Collection<RunResult> results, Path resultFile, ResultFormatType format) {
        List<String> problems = new ArrayList<>(problems(expected, JmhResults.of(results)));
        if (resultFile != null) {
            problems.addAll(format == ResultFormatType.JSON ? checkFile(resultFile, results.size()) : checkPresent(resultFile));
        }
        return problems;
    }

    /** The problems of {@code measurements} against {@code expected}: non-finite scores, missing cases, unsettled hosts, skips. */
    static List<String> problems(Expected expected, List<Measurement> measurements) {
        List<String> problems = new ArrayList<>();
        measurements.forEach(m -> checkFinite(m, problems));
        measurements.forEach(m -> checkForks(m, problems));
        problems.addAll(missing(expected.planned(), measurements));
        if (!expected.allowUnsettled()) {
            measurements.stream().filter(ResultsCheck::unsettled).forEach(m -> problems.add(caseName(m.benchmark(), new TreeMap<>(m.params()))
                    + ": the warm host did not settle (" + WARMUP_CAPPED + " = 1 in a fork: still compiling when measured);"
                    + " rerun on a quieter machine, or accept it with " + ALLOW_UNSETTLED_OPTION + " (-D" + ALLOW_UNSETTLED + "=true)"));
        }
        if (expected.requireAllRuntimes()) {
            expected.skipped().forEach((runtime, why) -> problems.add("runtime " + runtime + " was skipped: " + why));
        }
        return problems;
    }

    /** Whether any fork of {@code m} measured a warm host whose warm-up hit its cap before the JVM settled. */
    static boolean unsettled(Measurement m) {
        Metric capped = m.secondary().get(WARMUP_CAPPED);
        return capped != null && (capped.score() > 0 || capped.samples().stream().anyMatch(sample -> sample > 0));
    }

    /** JMH keeps the forks that finished when one fails, so a case can silently rest on fewer forks than asked for. */
    static void checkForks(Measurement m, List<String> problems) {
        int measured = m.primary().forkCentres().size();
        if (measured > 0 && measured < m.forks()) {
            problems.add(caseName(m.benchmark(), new TreeMap<>(m.params())) + ": " + (m.forks() - measured) + " of " + m.forks()
                    + " forks failed and left no result (the error is in the run's log); rerun the case, or report it as measured by "
                    + measured + " fork(s)");
        }
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

    /** One line per planned case (each combination of parameter values) that has no result, e.g. {@code SteadyState.invoke {fn=fib, ...}: no result}. */
    static List<String> missing(List<Sidecar.Planned> planned, List<Measurement> present) {
        Set<String> keys = new TreeSet<>();
        present.forEach(m -> keys.add(key(m.benchmark(), new TreeMap<>(m.params()))));
        List<String> problems = new ArrayList<>();
        for (Sidecar.Planned benchmark : planned) {
            for (Map<String, String> combination : combinations(new TreeMap<>(benchmark.params()))) {
                if (!keys.contains(key(benchmark.benchmark(), combination))) {
                    problems.add(caseName(benchmark.benchmark(), combination) + ": no result");
                }
            }
        }
        return problems;
    }

    /** {@code SteadyState.invoke {abi=default, fn=fib, ...}}: a case as the console names it. */
    private static String caseName(String benchmark, Map<String, String> params) {
        return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1) + " " + params;
    }

    /**
     * The problems of a result file written from {@code expectedEntries} results: it must be complete JMH JSON with
     * one entry per result. An unreadable or cut file is one problem.
     */
    static List<String> checkFile(Path json, int expectedEntries) {
        List<Measurement> measurements;
        try {
            measurements = JmhResults.read(json);
        } catch (NebulaException e) {
            return List.of(e.getMessage());
        }
        if (measurements.size() != expectedEntries) {
            return List.of(json + " holds " + measurements.size() + " results, but the run produced " + expectedEntries);
        }
        return List.of();
    }

    private static List<String> checkPresent(Path file) {
        try {
            return Files.size(file) > 0 ? List.of() : List.of(file + " is empty");
        } catch (IOException e) {
            return List.of("cannot read " + file + ": " + ResultsLocation.reason(e));
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
}
