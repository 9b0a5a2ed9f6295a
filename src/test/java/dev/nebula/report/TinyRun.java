package dev.nebula.report;

import dev.nebula.results.ResultFiles;
import dev.nebula.bench.Case;
import dev.nebula.bench.ColdStartProcess;
import dev.nebula.bench.ColdStartWarmHost;
import dev.nebula.results.EnvSidecar;
import dev.nebula.results.Sidecar;
import dev.nebula.run.ForkFlags;
import dev.nebula.measure.PhaseProfiler;
import dev.nebula.run.RunPlan;
import dev.nebula.bench.SteadyState;
import dev.nebula.BuildInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A real JMH run, as small as it gets: the {@code java} runtime, two functions at S, every benchmark class, one
 * fork, tiny iterations; run once per test JVM through JMH's Runner API and shared by the report tests. Its
 * numbers mean nothing; its shape is exactly what a full run writes.
 */
public final class TinyRun {
    public static final List<String> FUNCTIONS = List.of("fib", "fact");
    private static Path json;

    private TinyRun() {}

    /**
     * JMH's machine-wide lock keeps two measurements apart. These runs measure nothing, and must not fail because a
     * benchmark happens to run elsewhere on the machine.
     */
    static void ignoreJmhLock() {
        System.setProperty("jmh.ignoreLock", "true");
    }

    /** A copy of the run's JSON and sidecar in a fresh directory, so a test may change or add files freely. */
    public static synchronized Path copy() {
        try {
            if (json == null) {
                json = run();
            }
            Path dir = Files.createTempDirectory("nebula-tiny-run");
            Path copy = dir.resolve(json.getFileName());
            Files.copy(json, copy);
            Files.copy(ResultFiles.sidecar(json), ResultFiles.sidecar(copy));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path run() throws IOException {
        ignoreJmhLock();
        Path dir = Files.createTempDirectory("nebula-tiny-run");
        Path results = dir.resolve("20260101T000000Z.json");
        List<String> benchmarks = List.of(ColdStartWarmHost.class, ColdStartProcess.class, SteadyState.class).stream()
                .map(Class::getSimpleName).toList();
        Instant start = Instant.now();
        try {
            new Runner(new OptionsBuilder()
                    .include("\\.(" + String.join("|", benchmarks) + ")\\.")
                    .param("runtime", "java")
                    .param("fn", FUNCTIONS.toArray(String[]::new))
                    .param("n", "S")
                    .param("jdk", "plain") // the AOT caches are made after the tests, by mvn package
                    .forks(1).warmupIterations(1).measurementIterations(2)
                    .warmupTime(TimeValue.milliseconds(100)).measurementTime(TimeValue.milliseconds(100))
                    .jvmArgsAppend("-Dnebula.warmup.cap=0")
                    .addProfiler(PhaseProfiler.class)
                    .resultFormat(ResultFormatType.JSON).result(results.toString())
                    .build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("the tiny JMH run failed", e);
        }
        RunPlan plan = new RunPlan(List.of("java"), true, Map.of(), FUNCTIONS);
        Map<String, List<String>> params = Map.of("runtime", List.of("java"), "fn", FUNCTIONS, "n", List.of("S"),
                "abi", List.of(Case.DEFAULT_ABI));
        Map<String, List<String>> hostParams = Map.of("runtime", List.of("java"), "fn", FUNCTIONS, "n", List.of("S"),
                "jdk", List.of("plain"));
        List<Sidecar.Planned> planned = List.of(
                new Sidecar.Planned(ColdStartWarmHost.class.getName() + ".coldInvoke", params, List.of()),
                new Sidecar.Planned(ColdStartProcess.class.getName() + ".spawnAnswerExit", hostParams, List.of()),
                new Sidecar.Planned(SteadyState.class.getName() + ".invoke", params, List.of()));
        Sidecar sidecar = EnvSidecar.collect(new EnvSidecar.Run(start, Instant.now(), true, List.of(), plan.selection(), planned,
                EnvSidecar.forkFlags(ForkFlags.HYGIENE, ForkFlags.GRAALWASM, ForkFlags.launcherProperties()), EnvSidecar.gitNow()));
        Files.writeString(ResultFiles.sidecar(results), sidecar.toJson());
        return results;
    }
}
