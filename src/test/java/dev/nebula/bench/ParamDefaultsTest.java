package dev.nebula.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nebula.function.Function;
import dev.nebula.runtime.Runtimes;
import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * JMH needs @Param defaults as literals; these checks keep them equal to the registry and the catalog, so every
 * registered runtime is in the default run and reachable through {@code -p runtime=}.
 */
class ParamDefaultsTest {
    /** The states that make cases of a function at a size. */
    private static final List<Class<?>> CASE_STATES = List.of(CaseParams.class, ColdStartFreshJvm.FreshHost.class);
    /** Every state with a runtime parameter; deploy does not depend on the function, so DeployModule has none. */
    private static final List<Class<?>> RUNTIME_STATES =
            List.of(CaseParams.class, ColdStartFreshJvm.FreshHost.class, DeployModule.ThreadDeployer.class);

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
    void theFunctionsAndSizesAreTheCatalogs() throws Exception {
        assertEquals(Set.copyOf(Function.ids()), defaults(CaseParams.class, "fn"));
        assertEquals(Set.of("S", "M", "L"), defaults(CaseParams.class, "n"));
        for (Class<?> state : CASE_STATES) {
            for (String fn : defaults(state, "fn")) {
                defaults(state, "n").forEach(n -> Function.byId(fn).input(n));
            }
        }
        for (Class<?> state : RUNTIME_STATES) {
            assertEquals(Set.of(Case.DEFAULT_ABI), defaults(state, "abi"));
        }
        assertFalse(defaults(ColdStartFreshJvm.FreshHost.class, "fn").isEmpty());
    }
}
