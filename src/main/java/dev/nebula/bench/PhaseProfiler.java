package dev.nebula.bench;

import dev.nebula.runtime.Phases;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Turns the {@link Phases} of each measured cold start into JMH secondary metrics, so the breakdown reaches the
 * JSON next to the score: {@code phase.1.create}, {@code phase.2.start}, ... in the score's time unit, averaged
 * over shots like the score itself.
 *
 * <p>Why a profiler and not {@code @AuxCounters}: in {@code SingleShotTime} JMH 1.37 emits aux counters only as
 * {@code EVENTS}, unit {@code #}, summed over all iterations and forks, and only for fields fixed at compile time;
 * phase names come from each runtime at run time. An {@link InternalProfiler} runs in the fork, after each
 * iteration, outside the measured region, and may return any {@link ScalarResult}. The launchers
 * ({@link Main}, {@link Suite}) enable it; {@code -prof dev.nebula.bench.PhaseProfiler} does elsewhere.
 *
 * <p>The number in the label keeps the phases in their order: JMH sorts secondary metrics by label.
 */
public final class PhaseProfiler implements InternalProfiler {
    /** The label prefix of every phase metric. */
    public static final String PREFIX = "phase.";

    // Per-iteration sums by phase name, in the order the runtime recorded them; the benchmark thread writes,
    // the harness thread reads after the iteration ended.
    private static final Map<String, long[]> SUMS_AND_COUNTS = new LinkedHashMap<>();

    /** Called by a benchmark outside its measured region, once per shot. */
    public static void record(Phases phases) {
        synchronized (SUMS_AND_COUNTS) {
            for (int i = 0; i < phases.count(); i++) {
                long[] sumAndCount = SUMS_AND_COUNTS.computeIfAbsent(phases.name(i), name -> new long[2]);
                sumAndCount[0] += phases.nanos(i);
                sumAndCount[1]++;
            }
        }
    }

    /** The metric label of the phase at {@code position} (0-based) called {@code name}. */
    public static String label(int position, String name) {
        return PREFIX + (position + 1) + "." + name;
    }

    @Override
    public String getDescription() {
        return "Nebula cold-start phase breakdown (Phases recorded by Deployment.coldInvoke) as secondary metrics";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        synchronized (SUMS_AND_COUNTS) {
            SUMS_AND_COUNTS.clear(); // forget warm-up shots, which JMH may not report to profilers
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        TimeUnit unit = benchmarkParams.getTimeUnit();
        String unitLabel = TimeValue.tuToString(unit) + "/op";
        double nanosPerUnit = unit.toNanos(1);
        List<Result> results = new ArrayList<>();
        synchronized (SUMS_AND_COUNTS) {
            int position = 0;
            for (Map.Entry<String, long[]> phase : SUMS_AND_COUNTS.entrySet()) {
                double meanNanos = (double) phase.getValue()[0] / phase.getValue()[1];
                results.add(new ScalarResult(label(position++, phase.getKey()), meanNanos / nanosPerUnit, unitLabel,
                        AggregationPolicy.AVG));
            }
            SUMS_AND_COUNTS.clear();
        }
        return results;
    }
}
