package dev.nebula.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.run.ForkFlags;
import dev.nebula.runtime.Runtimes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

/** Each benchmark class repeats {@link ForkFlags#HYGIENE} in its {@code @Fork}: these checks keep them equal. */
class ForkFlagsTest {

    /** What a benchmark's forks must get: the hygiene flags, with Density's larger heap for a thousand instances. */
    private static List<String> expectedJvmArgs(Class<?> benchmark) {
        List<String> expected = new ArrayList<>(ForkFlags.HYGIENE);
        if (benchmark == Density.class) {
            expected.set(expected.indexOf(ForkFlags.HEAP_MIN), ForkFlags.DENSITY_HEAP_MIN);
            expected.set(expected.indexOf(ForkFlags.HEAP_MAX), ForkFlags.DENSITY_HEAP_MAX);
        }
        return expected;
    }

    @Test
    void everyBenchmarkForksWithTheHygieneFlagsAndAtLeastThreeForks() {
        List<Class<?>> benchmarks = BenchmarkClasses.benchmarks();
        assertTrue(benchmarks.containsAll(List.of(ColdStartWarmHost.class, SteadyState.class, ColdStartProcess.class,
                DeployModule.class, Density.class)), benchmarks.toString());
        for (Class<?> benchmark : benchmarks) {
            Fork fork = benchmark.getAnnotation(Fork.class);
            assertEquals(expectedJvmArgs(benchmark), List.of(fork.jvmArgs()), benchmark.getSimpleName() + "'s @Fork(jvmArgs)");
            assertTrue(fork.value() >= 3, benchmark.getSimpleName() + " forks " + fork.value() + " times");
            Runtimes.descriptors().forEach(runtime -> runtime.forkJvmFlags().forEach(flag -> assertFalse(
                    List.of(fork.jvmArgsAppend()).contains(flag), benchmark.getSimpleName() + " gives every fork "
                            + runtime.id() + "'s flag " + flag)));
        }
    }
}
