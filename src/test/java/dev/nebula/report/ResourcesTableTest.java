package dev.nebula.report;

import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.BuildInfo;
import dev.nebula.bench.ColdStartWarmHost;
import dev.nebula.measure.CpuProfiler;
import dev.nebula.bench.Density;
import dev.nebula.measure.DensityProfiler;
import dev.nebula.bench.SteadyState;
import dev.nebula.Need;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The headline table: its figures, ratios to docker, the estimate's label, and the marks on doubtful CPU figures. */
class ResourcesTableTest {

    private static Measurement cold(String runtime, double p50Micros, Map<String, Double> secondary) {
        return measurement("dev.nebula.bench.ColdStartWarmHost.coldInvoke", runtime, List.of(p50Micros, p50Micros * 3, p50Micros / 2), secondary);
    }

    private static Measurement measurement(String benchmark, String runtime, List<Double> samples, Map<String, Double> secondary) {
        return measurement(benchmark, "ss", runtime, samples, secondary);
    }

    private static Measurement measurement(String benchmark, String mode, String runtime, List<Double> samples,
                                           Map<String, Double> secondary) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        secondary.forEach((label, score) -> metrics.put(label, new Metric(score, Double.NaN, "x", List.of(score))));
        return new Measurement(benchmark, mode, Map.of("runtime", runtime, "fn", "fib", "n", "S", "abi", "default"),
                new Metric(samples.get(0), Double.NaN, "us/op", samples), metrics, 1);
    }

    @Test
    void everyFigureStandsBesideItsRatioToDockerAndTheEstimateSaysSo() {
        List<Measurement> results = List.of(
                cold("docker", 360_000, Map.of("cpu.machine", 200_000.0, "cpu.machine.ticks", 400.0, "cpu.machine.idle", 0.01,
                        "energy.estimated", 552_000.0)),
                cold("chicory-aot", 900, Map.of("cpu.machine", 2_000.0, "cpu.machine.ticks", 40.0, "cpu.machine.idle", 0.01,
                        "energy.estimated", 5_520.0)),
                measurement("dev.nebula.bench.Density.startKth", "chicory-aot", List.of(700.0),
                        Map.of("memory.perInstance", 1_264_000.0, "memory.instancesPerGiB", 849.0, "memory.liveInstances", 999.0)));
        String md = new ResourcesTable(results, Map.of("docker", 1_190_872L, "chicory-aot", 55_015L)).markdown();

        assertTrue(md.contains("energy per cold start (estimated)"), md);
        assertTrue(md.contains("Energy is **estimated**"), md);
        assertTrue(md.contains("| `chicory-aot` | 900 µs (0.00250×) | 2.00 ms (0.0100×) ¹ | 5.52 mJ (0.0100×) |"), md);
        assertTrue(md.contains("1.21 MiB | 849 |"), md); // no docker density: no ratio rather than a made-up one
        assertTrue(md.contains("53.7 KiB (0.0462×)"), md);
        assertTrue(md.contains("¹ rests on fewer than 100"), md);
        assertFalse(md.contains("²"), md);
    }

    @Test
    void aMeasuredEnergyIsMarkedAndABusyMachineIsFlagged() {
        List<Measurement> results = List.of(cold("process", 3_000, Map.of("cpu.machine", 2_000.0, "cpu.machine.ticks", 500.0,
                "cpu.machine.idle", 1.5, "energy.measured", 40_000.0)));
        String md = new ResourcesTable(results, Map.of()).markdown();
        assertTrue(md.contains("40.0 mJ (measured)"), md);
        assertFalse(md.contains("estimated"), md);
        assertTrue(md.contains("2.00 ms ²") && md.contains("the machine was not idle"), md);
    }

    @Test
    void cpuComesFromTheCaseWithTheMostTicksAndTheP50FromTheShots() {
        List<Measurement> results = List.of(
                cold("java", 26, Map.of("cpu.machine", 600.0, "cpu.machine.ticks", 3.0, "cpu.machine.idle", 0.0,
                        "energy.estimated", 1_656.0)),
                measurement("dev.nebula.bench.ColdStartWarmHost.coldInvoke", "avgt", "java", List.of(2.4),
                        Map.of("cpu.machine", 1.0, "cpu.machine.ticks", 1_205.0, "cpu.machine.idle", 0.0, "energy.estimated", 2.76)));
        String md = new ResourcesTable(results, Map.of()).markdown();
        assertTrue(md.contains("| `java` | 26.0 µs | 1.00 µs | 2.76 µJ |"), md);
        assertFalse(md.contains("¹"), md);
    }

    /** A real JMH run with both profilers: every metric lands in the JSON under its name, and the table reads them. */
    @Test
    @Tag(Need.JMH)
    void aRealRunCarriesCpuEnergyAndMemoryIntoTheTable() throws IOException, Exception {
        TinyRun.ignoreJmhLock();
        Path json = Files.createTempDirectory("nebula-resources").resolve("run.json");
        new Runner(new OptionsBuilder()
                .include("\\.(" + ColdStartWarmHost.class.getSimpleName() + "|" + SteadyState.class.getSimpleName() + "|"
                        + Density.class.getSimpleName() + ")\\.")
                .param("runtime", "java").param("fn", "fib").param("n", "S").param("instances", "10")
                .forks(1).warmupIterations(1).measurementIterations(2)
                .warmupTime(TimeValue.milliseconds(100)).measurementTime(TimeValue.milliseconds(100))
                .jvmArgsAppend(BuildInfo.UNLOCK_EXPERIMENTAL, BuildInfo.ENABLE_JVMCI, BuildInfo.GRAAL_UPGRADE_MODULE_PATH,
                        "-Dnebula.warmup.cap=0", "-D" + CpuProfiler.IDLE_MILLIS_PROPERTY + "=100", "--enable-native-access=ALL-UNNAMED")
                .addProfiler(CpuProfiler.class).addProfiler(DensityProfiler.class)
                .resultFormat(ResultFormatType.JSON).result(json.toString())
                .build()).run();
        List<Measurement> results = JmhResults.read(json);
        assertEquals(3, results.size());
        for (Measurement m : results) {
            for (String label : List.of(CpuProfiler.MACHINE, CpuProfiler.MACHINE_TICKS, CpuProfiler.JVM, CpuProfiler.ENERGY_ESTIMATED)) {
                assertTrue(m.secondary().containsKey(label) && m.secondary().get(label).isFinite(), m.benchmarkClass() + " " + label);
            }
            assertTrue(m.secondary().get(CpuProfiler.JVM).score() > 0, m.benchmarkClass() + " used no CPU?");
        }
        Measurement density = results.stream().filter(m -> m.benchmarkClass().equals("Density")).findFirst().orElseThrow();
        assertEquals(9, density.secondary().get("memory.liveInstances").score());
        assertTrue(density.secondary().containsKey("memory.perInstance"));
        String md = new ResourcesTable(results, Map.of()).markdown();
        assertTrue(md.contains("| `java` |") && md.contains("(estimated)"), md);
        // ColdStartWarmHost runs in SampleTime: its p50 is JMH's percentile over every request, not a missing cell.
        assertTrue(md.lines().anyMatch(line -> line.matches("\\| `java` \\| [0-9.]+ (ns|µs|ms|s) .*")), md);
    }
}
