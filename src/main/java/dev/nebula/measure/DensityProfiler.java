package dev.nebula.measure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * Puts {@code Density}'s memory figures into the results as secondary metrics ({@code memory.perInstance} in bytes,
 * {@code memory.instancesPerGiB}, and what the per-instance figure is made of). Setup reads them once per fork, so
 * every measured iteration carries the same values. Emits nothing for other benchmarks.
 * {@code -prof dev.nebula.measure.DensityProfiler} turns it on.
 */
public final class DensityProfiler implements InternalProfiler {
    // Written by the benchmark's setup, read by the harness after each iteration; one fork runs one case.
    private static volatile DensityAccount account;

    public static void record(DensityAccount measured) {
        account = measured;
    }

    @Override
    public String getDescription() {
        return "Nebula: memory per live instance and instances per GiB (Density)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {}

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        DensityAccount measured = account;
        if (measured == null || iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        return metrics(measured);
    }

    public static List<Result> metrics(DensityAccount measured) {
        List<Result> metrics = new ArrayList<>();
        metrics.add(new ScalarResult(DensityAccount.PER_INSTANCE, measured.perInstanceBytes(), "B", AggregationPolicy.AVG));
        if (measured.perInstanceBytes() > 0) { // at or below zero it is GC noise around a cost too small to see
            metrics.add(new ScalarResult(DensityAccount.INSTANCES_PER_GIB, measured.instancesPerGib(), "instances/GiB",
                    AggregationPolicy.AVG));
        }
        metrics.add(new ScalarResult(DensityAccount.LIVE, measured.live(), "instances", AggregationPolicy.AVG));
        measured.parts().forEach((label, bytes) -> metrics.add(new ScalarResult(label, bytes, "B", AggregationPolicy.AVG)));
        return metrics;
    }
}
