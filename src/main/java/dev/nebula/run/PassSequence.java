package dev.nebula.run;

import dev.nebula.NebulaException;
import dev.nebula.results.Sidecar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

/**
 * The launchers' one rule for a launch's JMH runs (passes): they run one after another, and a pass that fails as a
 * whole (JMH's {@code -foe}, a fork that cannot start, a bug) ends the launch but keeps what the passes before it
 * measured, so the launcher still writes it and its check names what is missing. Both {@link Suite} and
 * {@link JarRun} run their passes here.
 */
final class PassSequence {
    /** Runs one pass; JMH's {@link Runner} in a real launch, a fake in tests. */
    @FunctionalInterface
    interface PassRunner {
        Collection<RunResult> run(Options pass) throws RunnerException;
    }

    static final PassRunner JMH = pass -> new Runner(pass).run();

    /**
     * What a launch's passes left: what they planned up to and including the one that failed, what they measured,
     * and, when one failed, why.
     */
    record Finished(List<Sidecar.Planned> planned, List<RunResult> results, Optional<String> failure) {
        /** The failure as a line for the check's problems; empty when every pass ran. */
        List<String> problems() {
            return failure.map(List::of).orElse(List.of());
        }
    }

    private PassSequence() {}

    static Finished run(List<Options> passes, PassRunner runner) {
        List<Sidecar.Planned> planned = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < passes.size(); i++) {
            Options pass = passes.get(i);
            planned.addAll(planned(pass));
            try {
                results.addAll(runner.run(pass));
            } catch (RunnerException | RuntimeException e) {
                if (results.isEmpty() && isLockedOut(e)) {
                    throw new NebulaException("another JMH run holds the lock " + lockFile() + ", so nothing ran and no file was"
                            + " written; wait for that run to end, or, if none is running, add -Djmh.ignoreLock=true (two runs at once"
                            + " disturb each other's numbers)", e);
                }
                int left = passes.size() - i - 1;
                return new Finished(planned, results, Optional.of("JMH run " + (i + 1) + " of " + passes.size() + " failed ("
                        + e.getMessage() + ")" + (left == 0 ? "" : "; the " + left + " after it did not run")
                        + "; what ran before it is kept"));
            }
        }
        return new Finished(planned, results, Optional.empty());
    }

    /** Whether JMH refused to run because another JMH run holds its lock file (JMH says so only in its message). */
    static boolean isLockedOut(Exception e) {
        return e instanceof RunnerException && e.getMessage() != null && e.getMessage().contains("Unable to acquire the JMH lock");
    }

    /** JMH's lock file: {@code jmh.lock} in the launcher's temporary directory, as JMH's Runner names it. */
    static Path lockFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock").toAbsolutePath();
    }

    /**
     * The benchmarks a pass will run, each with every value of every parameter (the pass's {@code -p} values over
     * the annotations' defaults), so the check can tell a case that failed from one never asked for.
     */
    static List<Sidecar.Planned> planned(Options pass) {
        List<Sidecar.Planned> planned = new ArrayList<>();
        for (BenchmarkListEntry entry : BenchmarkSelection.of(pass)) {
            Map<String, List<String>> params = new TreeMap<>();
            entry.getParams().orElse(Map.of()).forEach((name, defaults) ->
                    params.put(name, List.copyOf(pass.getParameter(name).orElse(List.of(defaults)))));
            planned.add(new Sidecar.Planned(entry.getUsername(), params, List.copyOf(pass.getJvmArgsAppend().orElse(List.of()))));
        }
        return planned;
    }
}
