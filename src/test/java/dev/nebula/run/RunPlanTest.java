package dev.nebula.run;

import dev.nebula.bench.ColdStartProcess;
import dev.nebula.measure.PhaseProfiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import dev.nebula.NebulaException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.UnknownIdException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Runtimes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * The launchers' preflight: bad values fail before JMH starts, runtimes that cannot run here leave the default
 * with one line each, and fail when named. Availability is faked here: whether Docker answers is the machine's
 * business, the skip logic is ours.
 */
class RunPlanTest {
    private static final String UNAVAILABLE = Runtimes.ids().getLast();
    private static final String REASON = "no engine answers;\n  start one with scripts/docker-up.sh";

    private final List<List<String>> asked = new ArrayList<>();

    private Map<String, String> oneUnavailable(List<String> ids) {
        asked.add(ids);
        Map<String, String> problems = new LinkedHashMap<>();
        ids.forEach(id -> problems.put(id, id.equals(UNAVAILABLE) ? REASON : null));
        return problems;
    }

    private RunPlan plan(String... args) throws Exception {
        return RunPlan.of(new CommandLineOptions(args), this::oneUnavailable);
    }

    @Test
    void theDefaultSkipsWhatCannotRunWithOneLineEach() throws Exception {
        RunPlan plan = plan();
        assertFalse(plan.runtimesGiven());
        assertEquals(Runtimes.ids().stream().filter(id -> !id.equals(UNAVAILABLE)).toList(), plan.runtimes());
        assertEquals(List.of(UNAVAILABLE), List.copyOf(plan.skipped().keySet()));
        assertEquals(1, plan.skipLines().size());
        String line = plan.skipLines().getFirst();
        assertTrue(line.contains(UNAVAILABLE) && line.contains("scripts/docker-up.sh") && !line.contains("\n"), line);
        assertEquals(CatalogFunction.ids(), plan.functions());
    }

    @Test
    void aRuntimeAskedForByNameMustRun() throws Exception {
        RuntimeUnavailableException e = assertThrows(RuntimeUnavailableException.class, () -> plan("-p", "runtime=java," + UNAVAILABLE));
        assertTrue(e.getMessage().contains(UNAVAILABLE) && e.getMessage().contains("docker-up.sh"), e.getMessage());
        RunPlan named = plan("-p", "runtime=java");
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
        RunPlan plan = plan("-p", "fn=fib,fact", "-p", "n=90,S");
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
        RunPlan plan = plan("-p", "abi=wasi");
        assertFalse(plan.runtimes().isEmpty());
        plan.runtimes().forEach(id -> assertTrue(Runtimes.byId(id).abis().contains(Abi.WASI), id));
        assertTrue(plan.skipped().get("java").contains("wasi"), plan.skipped().toString());
        assertEquals(plan.runtimes(), plan.speaking(Abi.WASI));
    }

    @Test
    void nothingToRunIsAnError() {
        assertThrows(RuntimeUnavailableException.class,
                () -> RunPlan.of(new CommandLineOptions(), ids -> {
                    Map<String, String> all = new LinkedHashMap<>();
                    ids.forEach(id -> all.put(id, "broken"));
                    return all;
                }));
    }

    @Test
    void theJarsMainPinsTheRuntimesAndEnablesTheProfiler() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Launcher.Launch launch = Launcher.preflight(new String[] {"-p", "fn=fib", "-f", "1"}, this::oneUnavailable,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        List<String> expected = Runtimes.ids().stream().filter(id -> !id.equals(UNAVAILABLE)).toList();
        List<String> planned = Launcher.runtimes(launch).stream().flatMap(Collection::stream).toList();
        assertEquals(Set.copyOf(expected), Set.copyOf(planned));
        for (Options pass : launch.passes()) {
            assertTrue(pass.getProfilers().stream().anyMatch(p -> p.getKlass().equals(PhaseProfiler.class.getName())));
            assertEquals(List.of("fib"), List.copyOf(pass.getParameter("fn").get()));
            assertEquals(1, pass.getForkCount().get());
        }
        assertEquals(1, console.toString(StandardCharsets.UTF_8).lines().count());
        assertTrue(launch.resultFile().isEmpty());
    }

    @Test
    void eachBenchmarkGetsOnlyTheRuntimesItHosts() {
        Launcher.Launch launch = Launcher.preflight(new String[] {"-p", "runtime=java,process"}, this::oneUnavailable, System.err);
        for (Options pass : launch.passes()) {
            boolean spawnsJvmHosts = pass.getExcludes().stream().noneMatch(exclude -> exclude.contains(ColdStartProcess.class.getName()));
            if (spawnsJvmHosts) {
                assertEquals(List.of("java"), List.copyOf(pass.getParameter("runtime").get()),
                        "ColdStartProcess hosts JVM runtimes only, so its pass must not ask it for process");
            }
        }
        assertTrue(Launcher.runtimes(launch).stream().anyMatch(runtimes -> runtimes.contains("process")));
    }

    @Test
    void onlyGraalWasmsForksGetItsFlagsAndTheUsersAppendStays() {
        Launcher.Launch launch = Launcher.preflight(new String[] {"-p", "runtime=java,graalwasm", "-jvmArgsAppend", "-Dx=1"},
                this::oneUnavailable, System.err);
        assertEquals(List.of(List.of("java"), List.of("graalwasm")),
                Launcher.runtimes(launch).stream().map(List::copyOf).toList());
        List<String> javaAppend = List.copyOf(launch.passes().get(0).getJvmArgsAppend().get());
        List<String> graalAppend = List.copyOf(launch.passes().get(1).getJvmArgsAppend().get());
        // the launcher's own -Dnebula.* come first (surefire's and other tests' properties among them), then the user's
        assertEquals(ForkFlags.with(ForkFlags.launcherProperties(), List.of("-Dx=1")), javaAppend);
        assertTrue(graalAppend.contains("-Dx=1"), graalAppend.toString());
        assertTrue(graalAppend.containsAll(ForkFlags.GRAALWASM), graalAppend.toString());
        ForkFlags.GRAALWASM.forEach(flag -> assertFalse(javaAppend.contains(flag)));
    }

    @Test
    void theJarsMainLeavesListingToJmhAndWritesOneResultFile() {
        assertTrue(Launcher.forJmhAlone(new String[] {"-lp"}));
        assertTrue(Launcher.forJmhAlone(new String[] {"-h"}));
        assertFalse(Launcher.forJmhAlone(new String[] {"-p", "fn=fib"}));
        Launcher.Launch launch = Launcher.preflight(new String[] {"-p", "runtime=java,graalwasm", "-rf", "json", "-rff", "out.json"},
                this::oneUnavailable, System.err);
        assertEquals(new Launcher.ResultFile(ResultFormatType.JSON, "out.json"), launch.resultFile().orElseThrow());
        launch.passes().forEach(pass -> assertFalse(pass.getResult().hasValue() || pass.getResultFormat().hasValue(),
                "a pass must not write the result file itself"));
        assertEquals("jmh-result.json", Launcher.preflight(new String[] {"-p", "runtime=java", "-rf", "json"},
                this::oneUnavailable, System.err).resultFile().orElseThrow().path());
    }

    @Test
    void theJarsMainRejectsABadValue() {
        assertThrows(InvalidInputException.class,
                () -> Launcher.preflight(new String[] {"-p", "fn=fib-rec", "-p", "n=90"}, this::oneUnavailable, System.err));
    }
}
