package dev.nebula.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvocationTimeoutException;
import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.java.JavaRuntime;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A runaway function on every in-JVM wasm runtime and ABI is stopped at {@code -Dnebula.timeout} and reported as a
 * timeout, not a trap; the instance (and the thread) then answer correctly. prime(10^6), the catalog's largest,
 * takes 3.5 s in plain Java on the 2-core machine, so a limit of 300 ms is overrun by far on any machine, while a
 * first small call, still interpreted, stays well inside it.
 */
class RunawayFunctionTest {
    private static final String LIMIT = "300ms";
    private static final CatalogFunction RUNAWAY = CatalogFunction.PRIME;
    private static final long RUNAWAY_N = 1_000_000;
    @RegisterExtension
    static final TimeLimit TIME_LIMIT = new TimeLimit(LIMIT);

    /** Every in-JVM runtime that runs wasm, with every ABI it speaks (plain Java cannot be stopped: see JavaRuntime). */
    static Stream<Arguments> wasmRuntimesAndAbis() {
        return Runtimes.ids().stream()
                .map(Runtimes::byId)
                .filter(runtime -> !runtime.abis().contains(Abi.CLI) && runtime.abis().contains(Abi.HANDLER) && !runtime.id().equals(JavaRuntime.ID))
                .flatMap(runtime -> runtime.abis().stream().map(abi -> Arguments.of(runtime.id(), abi)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wasmRuntimesAndAbis")
    void runawayCallTimesOutThenTheSameInstanceAnswersCorrectly(String id, Abi abi) {
        FunctionHost runtime = Runtimes.byId(id);
        runtime.requireAvailable();
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(abi)); FunctionInstance instance = deployment.start()) {
            assertEquals(CatalogFunction.FIB.reference(10), instance.invoke(CatalogFunction.FIB, 10));
            InvocationTimeoutException timeout = assertThrows(InvocationTimeoutException.class,
                    () -> instance.invoke(RUNAWAY, RUNAWAY_N));
            assertTrue(timeout.getMessage().contains("timed out after 300 ms"), timeout.getMessage());
            assertFalse(Thread.currentThread().isInterrupted(), "the timeout leaves no interrupt behind");
            assertEquals(CatalogFunction.FIB_REC.reference(12), instance.invoke(CatalogFunction.FIB_REC, 12), "the instance stays usable");
            assertThrows(InvocationTimeoutException.class, () -> instance.invoke(RUNAWAY, RUNAWAY_N), "and is stopped again");
            try (FunctionInstance fresh = deployment.start()) {
                assertEquals(CatalogFunction.FIB.reference(90), fresh.invoke(CatalogFunction.FIB, 90), "the deployment stays usable");
            }
            Phases phases = Phases.recording();
            assertThrows(InvocationTimeoutException.class, () -> deployment.coldInvoke(RUNAWAY, RUNAWAY_N, phases),
                    "a cold request is stopped too");
        }
    }

    @Test
    void badLimitNamesTheFormat() {
        for (String bad : new String[] {"30", "0s", "-1s", "1h", "fast"}) {
            NebulaException e = assertThrows(NebulaException.class, () -> InvocationTimeout.parse(bad));
            assertTrue(e.getMessage().contains("ms, s or m") && e.getMessage().contains(bad), e.getMessage());
        }
        assertEquals(Duration.ofMillis(250), InvocationTimeout.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), InvocationTimeout.parse("30s"));
        assertEquals(Duration.ofMinutes(2), InvocationTimeout.parse("2m"));
    }

    @Test
    void defaultLimitIsSixtySeconds() {
        System.clearProperty(InvocationTimeout.PROPERTY);
        assertEquals(Duration.ofSeconds(60), InvocationTimeout.configured());
    }
}
