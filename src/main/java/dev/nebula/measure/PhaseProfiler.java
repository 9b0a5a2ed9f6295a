package dev.nebula.measure;

import dev.nebula.runtime.Phases;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * Puts what the benchmarks record outside JMH's own score into the JSON, as JMH secondary metrics:
 * <ul>
 *   <li>{@code phase.1.create}, {@code phase.2.start}, ...: the mean of each cold-start phase ({@link Phases}) over
 *       the iteration's shots, in the score's time unit, so that they add up to about the score;</li>
 *   <li>{@code warmup.settle}: seconds the benchmark's setup warmed its host until the JVM settled (see
 *       {@link WarmUp}), {@code warmup.requests} the calls it served doing so, and {@code warmup.capped} = 1 when it
 *       hit the cap without settling;</li>
 *   <li>{@code jvm.cds} = 1 when the fork's JVM runs with class data sharing (CDS) on, 0 when off: graalwasm's
 *       {@code --upgrade-module-path} turns it off.</li>
 * </ul>
 *
 * <p>Why a profiler and not {@code @AuxCounters}: JMH 1.37 emits aux counters in the timing modes only as
 * {@code EVENTS}, unit {@code #}, summed over all iterations and forks, and only for fields fixed at compile time;
 * phase names come from each runtime at run time. An {@link InternalProfiler} runs in the fork, between iterations,
 * outside the measured region, and may return any {@link ScalarResult}. The launchers ({@code Launcher}, {@code Suite})
 * enable it; {@code -prof dev.nebula.measure.PhaseProfiler} does elsewhere.
 *
 * <p>The phases of the shots a setup fires (its checking shot, the warm-up) are forgotten at the setup's end
 * ({@code ColdShots.forgetSetupShots}): the trial setup runs after this profiler's first {@code beforeIteration}.
 *
 * <p>The number in a phase's label keeps the phases in order: JMH sorts secondary metrics by label.
 */
public final class PhaseProfiler implements InternalProfiler {
    /** The label prefix of every phase metric. */
    public static final String PHASE_PREFIX = "phase.";
    public static final String WARMUP_SETTLE = "warmup.settle";
    public static final String WARMUP_REQUESTS = "warmup.requests";
    public static final String WARMUP_CAPPED = "warmup.capped";
    public static final String JVM_CDS = "jvm.cds";

    // One fork runs one benchmark with one thread, so statics are per case. The benchmark thread adds to the totals
    // during an iteration; this profiler reads and resets them between iterations, in the harness thread.
    private static volatile PhaseTotals phaseTotals;
    private static volatile WarmUp.Outcome warmUp;

    /** Called by a cold-start benchmark's setup: the totals its shots add to. */
    public static void register(PhaseTotals totals) {
        phaseTotals = totals;
    }

    /** Called by a benchmark's setup after warming up. */
    public static void record(WarmUp.Outcome outcome) {
        warmUp = outcome;
    }

    /** The metric label of the phase at {@code position} (0-based) called {@code name}. */
    public static String phaseLabel(int position, String name) {
        return PHASE_PREFIX + (position + 1) + "." + name;
    }

    /** Whether this JVM maps a CDS archive: HotSpot says "sharing" in {@code java.vm.info} then. */
    static boolean classDataSharing() {
        return System.getProperty("java.vm.info", "").contains("sharing");
    }

    @Override
    public String getDescription() {
        return "Nebula: cold-start phases, warm-up time and requests, and whether CDS is on, as secondary metrics";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        PhaseTotals totals = phaseTotals;
        if (totals != null) {
            totals.reset(); // forget warm-up iterations' shots
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        List<Result> results = new ArrayList<>();
        TimeUnit unit = benchmarkParams.getTimeUnit();
        String unitLabel = TimeValue.tuToString(unit) + "/op";
        double nanosPerUnit = unit.toNanos(1);
        PhaseTotals totals = phaseTotals;
        if (totals != null && totals.shots() > 0) {
            for (int phase = 0; phase < totals.phases(); phase++) {
                results.add(new ScalarResult(phaseLabel(phase, totals.name(phase)), totals.meanNanos(phase) / nanosPerUnit,
                        unitLabel, AggregationPolicy.AVG));
            }
            totals.reset();
        }
        WarmUp.Outcome outcome = warmUp;
        if (outcome != null) {
            results.add(new ScalarResult(WARMUP_SETTLE, outcome.seconds(), "s", AggregationPolicy.AVG));
            results.add(new ScalarResult(WARMUP_REQUESTS, outcome.calls(), "#", AggregationPolicy.AVG));
            results.add(new ScalarResult(WARMUP_CAPPED, outcome.settled() ? 0 : 1, "#", AggregationPolicy.MAX));
        }
        results.add(new ScalarResult(JVM_CDS, classDataSharing() ? 1 : 0, "#", AggregationPolicy.MIN));
        return results;
    }
}
