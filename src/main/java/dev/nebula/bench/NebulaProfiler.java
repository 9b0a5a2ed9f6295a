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
 * Puts what the benchmarks record outside their measured region into the JSON, as JMH secondary metrics:
 * <ul>
 *   <li>{@code phase.1.create}, {@code phase.2.start}, ...: the {@link Phases} of each measured cold start, in
 *       the score's time unit, averaged over shots like the score itself;</li>
 *   <li>{@code warmup.settle}: seconds {@link SteadyState} warmed its instance before JMH's own iterations
 *       (see {@link WarmUp}), and {@code warmup.capped} = 1 when it hit the cap without settling.</li>
 * </ul>
 *
 * <p>Why a profiler and not {@code @AuxCounters}: in {@code SingleShotTime} JMH 1.37 emits aux counters only as
 * {@code EVENTS}, unit {@code #}, summed over all iterations and forks, and only for fields fixed at compile time;
 * phase names come from each runtime at run time. An {@link InternalProfiler} runs in the fork, after each
 * iteration, outside the measured region, and may return any {@link ScalarResult}. The launchers
 * ({@link Main}, {@link Suite}) enable it; {@code -prof dev.nebula.bench.NebulaProfiler} does elsewhere.
 *
 * <p>The number in a phase's label keeps the phases in order: JMH sorts secondary metrics by label.
 */
public final class NebulaProfiler implements InternalProfiler {
    /** The label prefix of every phase metric. */
    public static final String PHASE_PREFIX = "phase.";
    public static final String WARMUP_SETTLE = "warmup.settle";
    public static final String WARMUP_CAPPED = "warmup.capped";

    // Per-iteration sums by phase name, in the order the runtime recorded them; the benchmark thread writes,
    // the harness thread reads after the iteration ended. One fork runs one benchmark, so statics are per case.
    private static final Map<String, long[]> PHASE_SUMS_AND_COUNTS = new LinkedHashMap<>();
    private static volatile WarmUp.Outcome warmUp;

    /** Called by a benchmark outside its measured region, once per shot. */
    public static void record(Phases phases) {
        synchronized (PHASE_SUMS_AND_COUNTS) {
            for (int i = 0; i < phases.count(); i++) {
                long[] sumAndCount = PHASE_SUMS_AND_COUNTS.computeIfAbsent(phases.name(i), name -> new long[2]);
                sumAndCount[0] += phases.nanos(i);
                sumAndCount[1]++;
            }
        }
    }

    /** Called by a benchmark's setup after warming up. */
    static void record(WarmUp.Outcome outcome) {
        warmUp = outcome;
    }

    /** The metric label of the phase at {@code position} (0-based) called {@code name}. */
    public static String phaseLabel(int position, String name) {
        return PHASE_PREFIX + (position + 1) + "." + name;
    }

    @Override
    public String getDescription() {
        return "Nebula: cold-start phases (Deployment.coldInvoke) and steady-state warm-up time as secondary metrics";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        synchronized (PHASE_SUMS_AND_COUNTS) {
            PHASE_SUMS_AND_COUNTS.clear(); // forget warm-up shots, which JMH may not report to profilers
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        List<Result> results = new ArrayList<>();
        TimeUnit unit = benchmarkParams.getTimeUnit();
        String unitLabel = TimeValue.tuToString(unit) + "/op";
        double nanosPerUnit = unit.toNanos(1);
        synchronized (PHASE_SUMS_AND_COUNTS) {
            int position = 0;
            for (Map.Entry<String, long[]> phase : PHASE_SUMS_AND_COUNTS.entrySet()) {
                double meanNanos = (double) phase.getValue()[0] / phase.getValue()[1];
                results.add(new ScalarResult(phaseLabel(position++, phase.getKey()), meanNanos / nanosPerUnit, unitLabel,
                        AggregationPolicy.AVG));
            }
            PHASE_SUMS_AND_COUNTS.clear();
        }
        WarmUp.Outcome outcome = warmUp;
        if (outcome != null) {
            results.add(new ScalarResult(WARMUP_SETTLE, outcome.seconds(), "s", AggregationPolicy.AVG));
            results.add(new ScalarResult(WARMUP_CAPPED, outcome.settled() ? 0 : 1, "#", AggregationPolicy.MAX));
        }
        return results;
    }
}
