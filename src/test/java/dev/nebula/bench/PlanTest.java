package dev.nebula.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import dev.nebula.NebulaException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.UnknownIdException;
import dev.nebula.function.Function;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Runtimes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The launchers' preflight: bad values fail before JMH starts, runtimes that cannot run here leave the default
 * with one line each, and fail when named. Availability is faked here: whether Docker answers is the machine's
 * business, the skip logic is ours.
 */
class PlanTest {
    private static final String UNAVAILABLE = Runtimes.ids().getLast();
    private static final String REASON = "no engine answers;\n  start one with scripts/docker-up.sh";

    private final List<List<String>> asked = new ArrayList<>();

    private Map<String, String> oneUnavailable(List<String> ids) {
        asked.add(ids);
        Map<String, String> problems = new LinkedHashMap<>();
        ids.forEach(id -> problems.put(id, id.equals(UNAVAILABLE) ? REASON : null));
        return problems;
    }

    private Plan plan(String... args) throws Exception {
        return Plan.of(new CommandLineOptions(args), this::oneUnavailable);
    }

    @Test
    void theDefaultSkipsWhatCannotRunWithOneLineEach() throws Exception {
        Plan plan = plan();
        assertFalse(plan.runtimesGiven());
        assertEquals(Runtimes.ids().stream().filter(id -> !id.equals(UNAVAILABLE)).toList(), plan.runtimes());
        assertEquals(List.of(UNAVAILABLE), List.copyOf(plan.skipped().keySet()));
        assertEquals(1, plan.skipLines().size());
        String line = plan.skipLines().getFirst();
        assertTrue(line.contains(UNAVAILABLE) && line.contains("scripts/docker-up.sh") && !line.contains("\n"), line);
        assertEquals(Function.ids(), plan.functions());
    }

    @Test
    void aRuntimeAskedForByNameMustRun() throws Exception {
        RuntimeUnavailableException e = assertThrows(RuntimeUnavailableException.class, () -> plan("-p", "runtime=java," + UNAVAILABLE));
        assertTrue(e.getMessage().contains(UNAVAILABLE) && e.getMessage().contains("docker-up.sh"), e.getMessage());
        Plan named = plan("-p", "runtime=java");
        assertTrue(named.runtimesGiven());
        assertEquals(List.of("java"), named.runtimes());
        assertTrue(named.skipped().isEmpty());
    }

    @Test
    void badValuesFailBeforeAnyRuntimeIsChecked() {
        assertThrows(UnknownIdException.class, () -> plan("-p", "fn=fib,fbi"));
        assertThrows(UnknownIdException.class, () -> plan("-p", "runtime=dockr"));
        assertThrows(InvalidInputException.class, () -> plan("-p", "n=90"));            // fib-rec is in the default fns
        assertThrows(InvalidInputException.class, () -> plan("-p", "fn=fib", "-p", "n=1e3"));
        assertThrows(NebulaException.class, () -> plan("-p", "runtime=java", "-p", "abi=wasi"));
        assertTrue(asked.isEmpty(), "availability was checked before the values: " + asked);
    }

    @Test
    void aNumberValidForEveryFunctionAskedForPasses() throws Exception {
        Plan plan = plan("-p", "fn=fib,fact", "-p", "n=90,S");
        assertEquals(List.of("fib", "fact"), plan.functions());
    }

    @Test
    void anUnknownAbiWithoutARuntimeSaysTheAbiIsUnknownAndListsTheValidOnes() {
        UnknownIdException e = assertThrows(UnknownIdException.class, () -> plan("-p", "abi=bogus"));
        assertEquals("unknown abi 'bogus'; valid: default, handler, wasi, cli", e.getMessage());
        assertTrue(asked.isEmpty(), "availability was checked before the values: " + asked);
    }

    @Test
    void anAbiNarrowsTheDefaultToTheRuntimesThatSpeakIt() throws Exception {
        Plan plan = plan("-p", "abi=wasi");
        assertFalse(plan.runtimes().isEmpty());
        plan.runtimes().forEach(id -> assertTrue(Runtimes.byId(id).abis().contains(Abi.WASI), id));
        assertTrue(plan.skipped().get("java").contains("wasi"), plan.skipped().toString());
        assertEquals(plan.runtimes(), plan.speaking(Abi.WASI));
    }

    @Test
    void nothingToRunIsAnError() {
        assertThrows(RuntimeUnavailableException.class,
                () -> Plan.of(new CommandLineOptions(), ids -> {
                    Map<String, String> all = new LinkedHashMap<>();
                    ids.forEach(id -> all.put(id, "broken"));
                    return all;
                }));
    }

    @Test
    void theJarsMainPinsTheRuntimesAndEnablesTheProfiler() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<String> args = Main.preflight(new String[] {"-p", "fn=fib", "-f", "1"}, this::oneUnavailable,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        String expectedRuntimes = "runtime=" + String.join(",", Runtimes.ids().stream().filter(id -> !id.equals(UNAVAILABLE)).toList());
        assertEquals(List.of("-p", "fn=fib", "-f", "1", "-p", expectedRuntimes, "-prof", NebulaProfiler.class.getName()), args);
        assertEquals(1, console.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void theJarsMainLeavesListingAloneAndKeepsTheForkFlags() {
        String[] list = {"-lp"};
        assertEquals(List.of("-lp"), Main.preflight(list, ids -> { throw new AssertionError("listing checked runtimes"); }, System.err));
        List<String> args = Main.preflight(new String[] {"-p", "runtime=java", "-jvmArgsAppend", "-Xmx1g"},
                this::oneUnavailable, System.err);
        String appended = args.get(args.indexOf("-jvmArgsAppend") + 1);
        assertTrue(appended.startsWith("-Xmx1g "), appended);
        ForkFlags.FLAGS.forEach(flag -> assertTrue(appended.contains(flag), appended));
    }

    @Test
    void theJarsMainRejectsABadValue() {
        assertThrows(InvalidInputException.class,
                () -> Main.preflight(new String[] {"-p", "fn=fib-rec", "-p", "n=90"}, this::oneUnavailable, System.err));
    }
}
