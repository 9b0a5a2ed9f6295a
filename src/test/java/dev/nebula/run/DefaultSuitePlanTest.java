package dev.nebula.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.bench.ColdStartCompileCache;
import dev.nebula.bench.ColdStartWarmHost;
import dev.nebula.bench.Density;
import dev.nebula.bench.DeployModule;
import dev.nebula.bench.SteadyState;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.Size;
import dev.nebula.results.Sidecar;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.Runtimes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * What the default suite plans, with every runtime available: enough samples for the percentiles it shows, enough
 * deploy shots per fork, and a real sweep over n in steady state (issue 21's minimums for a committed run).
 */
class DefaultSuitePlanTest {
    /** The slowest container start this suite expects (docker-cli on 2 loaded cores). */
    private static final double SLOWEST_CONTAINER_START_SECONDS = 0.4;

    @TempDir
    Path results;

    private List<Options> passes(String... jmhArgs) throws Exception {
        RunPlan plan = RunPlan.of(new CommandLineOptions(jmhArgs), ids -> {
            Map<String, String> none = new HashMap<>();
            ids.forEach(id -> none.put(id, null));
            return none;
        });
        return new Suite(false, false, results, List.of(jmhArgs)).passes(plan);
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts[parts.length - 2];
    }

    @Test
    void steadyStateSweepsSixLogSpacedInputsPerFunctionFromSToL() throws Exception {
        Map<String, Map<String, Set<Long>>> inputsByRuntimeAndFunction = new HashMap<>();
        for (Options pass : passes()) {
            for (Sidecar.Planned planned : PassSequence.planned(pass)) {
                if (!shortName(planned.benchmark()).equals(SteadyState.class.getSimpleName())) {
                    continue;
                }
                for (String runtime : planned.params().get("runtime")) {
                    for (String fn : planned.params().get("fn")) {
                        CatalogFunction function = CatalogFunction.byId(fn);
                        planned.params().get("n").forEach(n -> inputsByRuntimeAndFunction
                                .computeIfAbsent(runtime, r -> new HashMap<>())
                                .computeIfAbsent(fn, f -> new TreeSet<>()).add(function.input(n)));
                    }
                }
            }
        }
        for (String runtime : SteadyState.SWEEP_RUNTIMES) {
            for (CatalogFunction function : CatalogFunction.values()) {
                List<Long> inputs = List.copyOf(inputsByRuntimeAndFunction.get(runtime).get(function.id()));
                assertTrue(inputs.size() >= 6, runtime + " " + function + ": " + inputs);
                if (function.input(Size.S) != function.input(Size.L)) {
                    assertEquals(function.input(Size.S), inputs.getFirst(), function.id());
                    assertEquals(function.input(Size.L), inputs.getLast(), function.id());
                }
                double firstStep = Math.log((double) inputs.get(1) / inputs.get(0));
                double lastStep = Math.log((double) inputs.getLast() / inputs.get(inputs.size() - 2));
                assertEquals(firstStep, lastStep, 0.35 * firstStep, function + " is not log-spaced: " + inputs);
            }
        }
        for (String runtime : SteadyState.ENDS_RUNTIMES) {
            for (CatalogFunction function : CatalogFunction.values()) {
                assertEquals(new TreeSet<>(List.of(function.input(Size.S), function.input(Size.L))), inputsByRuntimeAndFunction.get(runtime).get(function.id()),
                        runtime + " " + function);
            }
        }
    }

    @Test
    void containerColdStartsMeasureLongEnoughForThreeHundredSamplesPerCase() throws Exception {
        int containerPasses = 0;
        for (Options pass : passes()) {
            for (Sidecar.Planned planned : PassSequence.planned(pass)) {
                if (!shortName(planned.benchmark()).equals(ColdStartWarmHost.class.getSimpleName())) {
                    continue;
                }
                boolean containers = planned.params().get("runtime").stream()
                        .allMatch(id -> Runtimes.descriptor(id).kind() == RuntimeDescriptor.Kind.CONTAINER);
                if (containers && planned.params().get("abi").contains("default")) {
                    containerPasses++;
                    double seconds = pass.getMeasurementIterations().get() * pass.getMeasurementTime().get().convertTo(TimeUnit.MILLISECONDS) / 1000.0;
                    double samplesPerCase = 3 * seconds / SLOWEST_CONTAINER_START_SECONDS;
                    assertTrue(samplesPerCase >= 300, planned.params().get("runtime") + ": " + samplesPerCase);
                }
            }
        }
        assertTrue(containerPasses > 0, "no container cold-start pass");
    }

    @Test
    void deploysTakeAtLeastThirtyShotsPerFork() {
        assertTrue(DeployModule.class.getAnnotation(Measurement.class).iterations() >= 30);
    }

    @Test
    void densityMeasuresImageAtMBesideFibOnEveryRuntime() throws Exception {
        Set<String> imageRuntimes = new TreeSet<>();
        Set<String> fibRuntimes = new TreeSet<>();
        for (Options pass : passes()) {
            for (Sidecar.Planned planned : PassSequence.planned(pass)) {
                if (shortName(planned.benchmark()).equals(Density.class.getSimpleName())) {
                    Set<String> target = planned.params().get("fn").equals(List.of("image")) && planned.params().get("n").equals(List.of("M"))
                            ? imageRuntimes : planned.params().get("fn").equals(List.of("fib")) ? fibRuntimes : new TreeSet<>();
                    target.addAll(planned.params().get("runtime"));
                }
            }
        }
        assertEquals(fibRuntimes, imageRuntimes);
        assertEquals(new TreeSet<>(Runtimes.ids()), imageRuntimes);
    }

    @Test
    void whatTheUserNamesWins() throws Exception {
        for (Options pass : passes("-p", "n=S", "-p", "fn=FIB", "-i", "1")) {
            for (Sidecar.Planned planned : PassSequence.planned(pass)) {
                if (planned.params().containsKey("n") && !shortName(planned.benchmark()).equals("ColdStartProcess")) {
                    assertEquals(List.of("S"), planned.params().get("n"), planned.benchmark());
                    assertEquals(List.of("fib"), planned.params().get("fn"), planned.benchmark());
                }
            }
            assertEquals(1, pass.getMeasurementIterations().get(), "-i 1 was asked for");
        }
    }

    @Test
    void aRuntimeTheUserNamesOutsideTheSweepIsMeasuredAtSAndL() throws Exception {
        Set<String> inputs = new TreeSet<>();
        for (Options pass : passes("-p", "runtime=process,java")) {
            for (Sidecar.Planned planned : PassSequence.planned(pass)) {
                if (shortName(planned.benchmark()).equals(SteadyState.class.getSimpleName()) && planned.params().get("runtime").contains("process")) {
                    inputs.addAll(planned.params().get("n"));
                }
            }
        }
        assertEquals(Set.of("S", "L"), inputs);
    }

    /** The runtimes each planned case of {@code benchmark} runs on, over every pass. */
    private Set<String> runtimesOf(String benchmark, String... jmhArgs) throws Exception {
        Set<String> runtimes = new TreeSet<>();
        for (Options pass : passes(jmhArgs)) {
            for (Sidecar.Planned planned : PassSequence.planned(pass)) {
                if (shortName(planned.benchmark()).equals(benchmark)) {
                    runtimes.addAll(planned.params().get("runtime"));
                }
            }
        }
        return runtimes;
    }

    @Test
    void theCompileCacheRunsOnWasmtimeOnlyAndOnlyWhereWasmtimeIsMeasured() throws Exception {
        String cached = ColdStartCompileCache.class.getSimpleName();
        assertEquals(Set.of("wasmtime"), runtimesOf(cached));
        assertEquals(Set.of(), runtimesOf(cached, "-p", "runtime=java,chicory-aot"));
        assertEquals(Set.of("wasmtime"), runtimesOf(cached, "-p", "runtime=java,wasmtime"));
        assertEquals(Set.of("wasmtime"), runtimesOf(cached, "ColdStart", "-p", "runtime=java,wasmtime"), "an include that names it");
        assertEquals(Set.of(), runtimesOf(cached, "SteadyState"), "an include that does not name it");
    }
}
