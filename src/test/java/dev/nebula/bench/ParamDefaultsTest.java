package dev.nebula.bench;

import dev.nebula.run.ForkFlags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Runtimes;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;

/**
 * JMH needs @Param defaults as literals; these checks keep them equal to the registry and the catalog, so every
 * registered runtime is in the default run and reachable through {@code -p runtime=}.
 */
class ParamDefaultsTest {
    /** The states that make cases of a function at a size. */
    private static final List<Class<?>> CASE_STATES = List.of(ColdStartWarmHost.ThreadHost.class, SteadyState.WarmInstance.class);
    /** Every state with every runtime as its default; deploy does not depend on the function, so DeployModule has no fn. */
    private static final List<Class<?>> RUNTIME_STATES =
            List.of(ColdStartWarmHost.ThreadHost.class, SteadyState.WarmInstance.class, DeployModule.ThreadDeployer.class,
                    Density.LiveInstances.class);
    /** Every benchmark class: each repeats the fork flags as literals. */
    private static final List<Class<?>> BENCHMARKS =
            List.of(ColdStartWarmHost.class, SteadyState.class, ColdStartProcess.class, DeployModule.class);

    private static Set<String> defaults(Class<?> state, String param) throws NoSuchFieldException {
        Field field = state.getField(param);
        return new LinkedHashSet<>(List.of(field.getAnnotation(Param.class).value()));
    }

    @Test
    void everyRuntimeIsInEveryDefault() throws Exception {
        for (Class<?> state : RUNTIME_STATES) {
            assertEquals(Set.copyOf(Runtimes.ids()), defaults(state, "runtime"),
                    "the @Param(\"runtime\") defaults of " + state.getName() + " must list exactly the registry's ids");
        }
    }

    @Test
    void theWholeProcessColdStartCoversExactlyTheInJvmRuntimesAndEveryJdk() throws Exception {
        assertEquals(Set.copyOf(Runtimes.inJvmIds()), defaults(ColdStartProcess.ProcessHost.class, "runtime"),
                "ColdStartProcess's @Param(\"runtime\") must list exactly the runtimes that run in a JVM");
        assertEquals(Arrays.stream(HostCommand.Jdk.values()).map(HostCommand.Jdk::id).collect(Collectors.toSet()),
                defaults(ColdStartProcess.ProcessHost.class, "jdk"));
        for (String fn : defaults(ColdStartProcess.ProcessHost.class, "fn")) {
            defaults(ColdStartProcess.ProcessHost.class, "n").forEach(n -> CatalogFunction.byId(fn).input(n));
        }
    }

    @Test
    void theFunctionsAndSizesAreTheCatalogs() throws Exception {
        assertEquals(Set.of("fib"), defaults(ColdStartWarmHost.ThreadHost.class, "fn"), "cold starts of fib: see its Javadoc");
        assertEquals(Set.copyOf(CatalogFunction.ids()), defaults(SteadyState.WarmInstance.class, "fn"));
        assertEquals(Set.of("S"), defaults(ColdStartWarmHost.ThreadHost.class, "n"), "cold starts at S: see its Javadoc");
        assertTrue(Set.of("S", "M", "L").containsAll(defaults(SteadyState.WarmInstance.class, "n")));
        for (Class<?> state : CASE_STATES) {
            for (String fn : defaults(state, "fn")) {
                defaults(state, "n").forEach(n -> CatalogFunction.byId(fn).input(n));
            }
        }
        for (Class<?> state : RUNTIME_STATES) {
            assertEquals(Set.of(Case.DEFAULT_ABI), defaults(state, "abi"));
        }
    }

    @Test
    void densityForksAlikeButWithAHeapForAThousandInstances() {
        Fork fork = Density.class.getAnnotation(Fork.class);
        List<String> expected = new ArrayList<>(ForkFlags.HYGIENE);
        expected.set(expected.indexOf(ForkFlags.HEAP_MIN), ForkFlags.DENSITY_HEAP_MIN);
        expected.set(expected.indexOf(ForkFlags.HEAP_MAX), ForkFlags.DENSITY_HEAP_MAX);
        assertEquals(expected, List.of(fork.jvmArgs()));
        assertTrue(fork.value() >= 3);
    }

    @Test
    void everyBenchmarkForksWithTheHygieneFlagsAndAtLeastThreeForks() {
        for (Class<?> benchmark : BENCHMARKS) {
            Fork fork = benchmark.getAnnotation(Fork.class);
            assertEquals(ForkFlags.HYGIENE, List.of(fork.jvmArgs()), benchmark.getSimpleName() + "'s @Fork(jvmArgs)");
            assertTrue(fork.value() >= 3, benchmark.getSimpleName() + " forks " + fork.value() + " times");
            ForkFlags.GRAALWASM.forEach(flag -> assertFalse(List.of(fork.jvmArgsAppend()).contains(flag),
                    benchmark.getSimpleName() + " gives every fork GraalWasm's flag " + flag));
        }
    }
}
