package dev.nebula.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.Runtimes;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * JMH needs @Param defaults as compile-time constants; these checks keep them equal to the registry and the catalog, so
 * every registered runtime is in the default run of each benchmark that can host it, and reachable through
 * {@code -p runtime=}.
 */
class ParamDefaultsTest {
    /** The states that make cases of a function at a size. */
    private static final List<Class<?>> CASE_STATES = List.of(ColdStartWarmHost.ThreadHost.class, SteadyState.WarmInstance.class,
            ColdStartCompileCache.CachingHost.class);

    /**
     * Which runtimes a state's benchmark hosts, read from their descriptors; a state not named here hosts every runtime.
     * A whole-process cold start spawns a JVM host, so only runtimes that run inside a JVM fit it.
     */
    private static final Predicate<RuntimeDescriptor> RUNS_USER_FUNCTIONS = runtime -> Runtimes.byId(runtime.id()).commandForm().isPresent();
    private static final Map<Class<?>, Predicate<RuntimeDescriptor>> HOSTS = Map.of(
            ColdStartProcess.ProcessHost.class, runtime -> runtime.kind() == RuntimeDescriptor.Kind.IN_JVM,
            ColdStartWarmHost.CommandHost.class, RUNS_USER_FUNCTIONS,
            SteadyState.WarmCommand.class, RUNS_USER_FUNCTIONS,
            DeployModule.CommandDeployer.class, RUNS_USER_FUNCTIONS,
            // Only Wasmtime's Java API has a compilation cache; its case is the thesis's WASI command.
            ColdStartCompileCache.CachingHost.class, runtime -> runtime.id().equals(WasmtimeRuntime.ID));

    private static List<String> defaults(Class<?> state, String param) throws NoSuchFieldException {
        Field field = state.getField(param);
        return List.of(field.getAnnotation(Param.class).value());
    }

    /** The registry's ids of the runtimes {@code state}'s benchmark should host, in the registry's order. */
    private static List<String> shouldHost(Class<?> state) {
        Predicate<RuntimeDescriptor> hosts = HOSTS.getOrDefault(state, runtime -> true);
        return Runtimes.descriptors().stream().filter(hosts).map(RuntimeDescriptor::id).toList();
    }

    @Test
    void everyBenchmarkListsEveryRuntimeItShouldHostInTheRegistrysOrder() throws Exception {
        List<Class<?>> states = BenchmarkClasses.statesWithARuntime();
        assertTrue(states.containsAll(List.of(ColdStartWarmHost.ThreadHost.class, SteadyState.WarmInstance.class,
                DeployModule.ThreadDeployer.class, Density.LiveInstances.class, ColdStartProcess.ProcessHost.class)), states.toString());
        for (Class<?> state : states) {
            assertEquals(shouldHost(state), defaults(state, "runtime"),
                    "the @Param(\"runtime\") defaults of " + state.getName() + " must list exactly the registry's runtimes it can host");
        }
    }

    @Test
    void theWholeProcessColdStartHostsOnlyInJvmRuntimesAndEveryJdk() throws Exception {
        assertEquals(Runtimes.ids(RuntimeDescriptor.Kind.IN_JVM), shouldHost(ColdStartProcess.ProcessHost.class));
        assertEquals(Arrays.stream(HostCommand.Jdk.values()).map(HostCommand.Jdk::id).collect(Collectors.toSet()),
                Set.copyOf(defaults(ColdStartProcess.ProcessHost.class, "jdk")));
        for (String fn : defaults(ColdStartProcess.ProcessHost.class, "fn")) {
            defaults(ColdStartProcess.ProcessHost.class, "n").forEach(n -> CatalogFunction.byId(fn).input(n));
        }
    }

    @Test
    void theFunctionsAndSizesAreTheCatalogs() throws Exception {
        assertEquals(List.of("fib"), defaults(ColdStartWarmHost.ThreadHost.class, "fn"), "cold starts of fib: see its Javadoc");
        assertEquals(Set.copyOf(CatalogFunction.ids()), new LinkedHashSet<>(defaults(SteadyState.WarmInstance.class, "fn")));
        assertEquals(List.of("S"), defaults(ColdStartWarmHost.ThreadHost.class, "n"), "cold starts at S: see its Javadoc");
        assertTrue(Set.of("S", "M", "L").containsAll(defaults(SteadyState.WarmInstance.class, "n")));
        for (Class<?> state : CASE_STATES) {
            for (String fn : defaults(state, "fn")) {
                defaults(state, "n").forEach(n -> CatalogFunction.byId(fn).input(n));
            }
        }
        for (Class<?> state : BenchmarkClasses.statesWithARuntime()) {
            if (!HOSTS.containsKey(state)) {
                assertEquals(List.of(Case.DEFAULT_ABI), defaults(state, "abi"), state.getName());
            }
        }
    }
}
