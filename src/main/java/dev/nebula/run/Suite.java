package dev.nebula.run;

import dev.nebula.bench.ColdStartCompileCache;
import dev.nebula.bench.ColdStartProcess;
import dev.nebula.bench.ColdStartWarmHost;
import dev.nebula.bench.Density;
import dev.nebula.bench.DeployModule;
import dev.nebula.bench.SteadyState;
import dev.nebula.measure.CpuProfiler;
import dev.nebula.measure.WarmUp;
import dev.nebula.results.EnvSidecar;
import dev.nebula.results.ResultsLocation;
import dev.nebula.results.ResultsWriter;
import dev.nebula.BuildInfo;
import dev.nebula.ExitStatus;
import dev.nebula.results.ResultFiles;
import dev.nebula.results.Sidecar;
import dev.nebula.NebulaException;
import dev.nebula.report.Report;
import dev.nebula.results.ResultsCheck;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.Size;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.Runtimes;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The launcher of {@code mvn verify -Pjmh}: runs the default suite through JMH's Runner API and leaves in
 * {@code jmh-results/} one {@code <timestamp>.json} (JMH's JSON format), its {@code <timestamp>.env.json}
 * sidecar (machine, JDK, Docker, module and image hashes, git commit) and the report made from both.
 *
 * <p>Usage: {@code Suite [--quick] [--require-all-runtimes] [--allow-unsettled] [--results DIR] [JMH options...]}. The JMH options are those of
 * {@code java -jar benchmarks.jar} ({@code -Djmh.args="..."} under Maven); {@code --quick} is the smoke run:
 * every runtime and function once at size S, in minutes, with numbers not meant for comparison;
 * {@code --require-all-runtimes} makes a runtime skipped for want of, say, a Docker engine fail the final check.
 *
 * <p>The default suite is written as one result file from several JMH runs: every benchmark class with each runtime's
 * default ABI, then {@link ColdStartWarmHost} and {@link DeployModule} again with {@code abi=wasi} over the runtimes
 * that speak WASI, so the thesis's WASI cold start compares shape for shape with a container's one-shot run, and the
 * thesis's own figure (deploy plus the WASI context) can be put together. Container cold starts get 12 × 4 s of
 * measurement (at least 300 samples a case), steady state sweeps six log-spaced n per function on
 * {@link SteadyState#SWEEP_RUNTIMES} and S and L on {@link SteadyState#ENDS_RUNTIMES}, and Density adds image(M) beside
 * fib. Each pass is split so that only graalwasm's forks
 * carry GraalWasm's JVM flags and each benchmark gets only the runtimes it hosts ({@link Passes}). It adds JMH's
 * {@code gc} profiler ({@code gc.alloc.rate.norm}: bytes allocated per operation). A run that names its own
 * benchmarks or {@code abi} gets exactly what it names.
 */
public final class Suite {
    private static final Path DEFAULT_RESULTS = Path.of(BuildInfo.PROJECT_DIR, "jmh-results");

    /** The quick run's benchmarks: the whole-process cold start is left out, as each of its shots costs a whole JVM. */
    static final String QUICK_INCLUDE = "\\.(" + ColdStartWarmHost.class.getSimpleName() + "|" + SteadyState.class.getSimpleName() + ")\\.";

    private final boolean quick;
    private final boolean requireAllRuntimes;
    private final Path resultsDir;
    private final CommandLineOptions jmh;
    private final List<String> jmhArgs;

    public Suite(boolean quick, boolean requireAllRuntimes, Path resultsDir, List<String> jmhArgs) {
        this.quick = quick;
        this.requireAllRuntimes = requireAllRuntimes;
        this.resultsDir = resultsDir;
        this.jmhArgs = List.copyOf(jmhArgs);
        try {
            this.jmh = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new NebulaException("cannot read the JMH arguments " + jmhArgs + ": " + e.getMessage(), e);
        }
        if (jmh.getResult().hasValue() || jmh.getResultFormat().hasValue()) {
            throw new NebulaException("the suite writes " + resultsDir + "/<timestamp>.json itself; leave -rf and -rff out of jmh.args");
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean requireAllRuntimes = false;
        Path resultsDir = DEFAULT_RESULTS;
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--require-all-runtimes" -> requireAllRuntimes = true;
                case ResultsCheck.ALLOW_UNSETTLED_OPTION -> System.setProperty(ResultsCheck.ALLOW_UNSETTLED, "true");
                case "--results" -> resultsDir = Path.of(args[++i]);
                default -> jmhArgs.add(args[i]);
            }
        }
        boolean quickRun = quick;
        boolean requireAll = requireAllRuntimes;
        Path results = resultsDir;
        ExitStatus.run("nebula", () -> new Suite(quickRun, requireAll, results, jmhArgs).run(System.out));
    }

    /** Runs the suite; returns the exit status: 0 when the results are complete, 1 when the check found gaps. */
    public int run(PrintStream console) {
        Interruption interruption = new Interruption(console);
        return run(interruption.jmh(), Availability::problems, FunctionArtifact::nativeBinary, interruption, console);
    }

    int run(PassSequence.PassRunner runner, RunPlan.AvailabilityCheck availability, Supplier<Path> nativeBinary, PrintStream console) {
        return run(runner, availability, nativeBinary, null, console);
    }

    /**
     * @param nativeBinary the bundled native binary's lookup, throwing when it is missing
     * @param interruption SIGINT/SIGTERM handling for a real run, or null (tests with fake passes)
     */
    private int run(PassSequence.PassRunner runner, RunPlan.AvailabilityCheck availability, Supplier<Path> nativeBinary,
                    Interruption interruption, PrintStream console) {
        Instant start = Instant.now();
        Sidecar.Git git = EnvSidecar.gitNow(); // the commit measured is the one checked out when the run starts
        RunPlan plan = RunPlan.of(jmh, availability);
        ResultsLocation.requireWritableDirectory(resultsDir);
        plan.skipLines().forEach(console::println);
        plan.userFunction().ifPresent(userFunction -> AnswerCheck.require(userFunction, plan.runtimes()));

        List<Options> passes = passes(plan);
        NativeBinaryCheck.require(passes, nativeBinary);
        if (interruption != null) {
            List<Sidecar.Planned> planned = passes.stream().flatMap(pass -> PassSequence.planned(pass).stream()).toList();
            interruption.arm((results, signal) -> {
                console.println("nebula: " + signal + ": " + results.size() + " case(s) had finished");
                if (results.isEmpty()) {
                    console.println("nebula: " + signal + ": nothing to write");
                } else {
                    write(results, planned, plan, git, start, Instant.now(), console);
                }
            });
        }
        PassSequence.Finished finished = PassSequence.run(passes, runner);
        if (interruption != null) {
            interruption.disarm();
        }
        Instant end = Instant.now();
        finished.failure().ifPresent(failure -> console.println("nebula: FAILED: " + failure));
        if (finished.results().isEmpty()) {
            console.println("nebula: FAILED: no benchmark produced a result, so there is nothing to write; see the errors above");
            return ExitStatus.FAILED;
        }

        ResultsWriter writer = write(finished.results(), finished.planned(), plan, git, start, end, console);
        Path json = writer.outcomes().getFirst().written();
        if (json == null) {
            console.println("nebula: FAILED: the results could be written nowhere; see above");
            return ExitStatus.FAILED;
        }
        List<String> problems = new ArrayList<>(finished.problems());
        ResultsCheck.Expected expected = ResultsCheck.Expected.of(finished.planned(), plan.skipped(), requireAllRuntimes, quick);
        problems.addAll(ResultsCheck.check(expected, finished.results(), json, ResultFormatType.JSON));
        if (!writer.allInPlace()) {
            problems.add("the results are not all in " + resultsDir.toAbsolutePath() + "; see where they went above");
        }
        try {
            Report.write(json).forEach(file -> console.println("nebula: report   " + file.toAbsolutePath()));
        } catch (IOException | RuntimeException e) {
            problems.add("the report beside " + json + " was not written (" + e.getMessage()
                    + "); the results are complete, so make it later with: java -cp target/benchmarks.jar dev.nebula.report.Report " + json);
        }
        console.println("nebula: the suite took " + format(Duration.between(start, end)) + (quick ? " (quick: a smoke run, not for comparison)" : ""));
        problems.forEach(problem -> console.println("nebula: INCOMPLETE: " + problem));
        return problems.isEmpty() ? ExitStatus.OK : ExitStatus.FAILED;
    }

    /** Writes {@code <stamp>.json} and its sidecar (or their fallback) and says where they went. */
    private ResultsWriter write(List<RunResult> results, List<Sidecar.Planned> planned, RunPlan plan, Sidecar.Git git,
                                Instant start, Instant end, PrintStream console) {
        String stamp = ResultFiles.stamp(start);
        ResultsWriter writer = new ResultsWriter(stamp);
        writer.write("results", resultsDir.resolve(stamp + ".json"),
                out -> ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results));
        Sidecar sidecar = EnvSidecar.collect(new EnvSidecar.Run(start, end, quick, jmhArgs, plan.selection(), planned,
                EnvSidecar.forkFlags(ForkFlags.HYGIENE, ForkFlags.GRAALWASM, ForkFlags.launcherProperties()), git));
        writer.write("sidecar", ResultFiles.sidecar(resultsDir.resolve(stamp + ".json")), out -> out.print(sidecar.toJson()));
        console.println();
        writer.summary().forEach(line -> console.println("nebula: " + line));
        return writer;
    }

    /**
     * The JMH runs: the suite as asked, then (for the default suite, not the quick one) the WASI cold starts; each
     * split by {@link Passes} so that only graalwasm's forks carry GraalWasm's flags.
     */
    List<Options> passes(RunPlan plan) {
        List<Options> passes = new ArrayList<>();
        boolean userFunction = plan.userFunction().isPresent();
        ChainedOptionsBuilder main = base(userFunction);
        if (quick) {
            if (jmh.getIncludes().isEmpty()) {
                main.include(QUICK_INCLUDE);
            }
            if (RunPlan.given(jmh, "n").isEmpty()) {
                main.param("n", "S");
            }
        }
        // A user function runs in the benchmarks that have its methods, and only there: none of the catalog's extra passes.
        boolean defaultSuite = !quick && !userFunction && jmh.getIncludes().isEmpty() && RunPlan.given(jmh, "abi").isEmpty();
        if (defaultSuite) {
            // Each has its own passes below: the whole-process cold start hosts only in-JVM runtimes, containers need
            // more cold-start samples, and steady state sweeps n on some runtimes.
            main.exclude(ColdStartProcess.INCLUDE).exclude(ColdStartWarmHost.INCLUDE);
        }
        // The sweep replaces steady state's n, so it runs only where the user named no n.
        boolean sweep = defaultSuite && RunPlan.given(jmh, "n").isEmpty();
        if (sweep) {
            main.exclude(SteadyState.INCLUDE);
        }
        // Wasmtime's compilation cache has one runtime: its own pass, never one per runtime.
        main.exclude(ColdStartCompileCache.INCLUDE);
        passes.addAll(Passes.split(main.build(), plan.runtimes()));
        if (!quick && !userFunction && plan.runtimes().contains(WasmtimeRuntime.ID) && (defaultSuite || included(ColdStartCompileCache.BENCHMARK))) {
            passes.addAll(Passes.split(base(false).include(ColdStartCompileCache.INCLUDE).build(), List.of(WasmtimeRuntime.ID)));
        }
        if (defaultSuite) {
            passes.addAll(coldStartPasses(plan.runtimes()));
            passes.addAll(ColdStartProcess.suitePasses(() -> base(false), plan.speaking(Abi.HANDLER)));
        }
        if (sweep) {
            passes.addAll(steadyStatePasses(plan));
            if (RunPlan.given(jmh, "fn").isEmpty() && RunPlan.given(jmh, "instances").isEmpty()) {
                passes.addAll(Passes.split(base(false).include(Density.INCLUDE).param("fn", CatalogFunction.IMAGE.id())
                        .param("n", Size.M.name()).param("instances", Density.LOW).build(), plan.runtimes()));
            }
        }

        List<String> wasi = plan.speaking(Abi.WASI);
        if (defaultSuite && !wasi.isEmpty()) {
            ChainedOptionsBuilder wasiColdStarts = base(false)
                    .include("\\.(" + ColdStartWarmHost.class.getSimpleName() + "|" + DeployModule.class.getSimpleName() + ")\\.")
                    .param("abi", Abi.WASI.id());
            passes.addAll(Passes.split(wasiColdStarts.build(), wasi));
        }
        return passes;
    }

    /** Whether the user's include patterns select {@code benchmark}, as JMH matches them. */
    private boolean included(String benchmark) {
        return jmh.getIncludes().stream().anyMatch(pattern -> Pattern.compile(pattern).matcher(benchmark).find());
    }

    /** The warm-host cold starts: containers get longer measurements, for at least 300 samples per case. */
    private List<Options> coldStartPasses(List<String> runtimes) {
        List<String> containers = runtimes.stream().filter(id -> Runtimes.descriptor(id).kind() == RuntimeDescriptor.Kind.CONTAINER).toList();
        List<String> others = runtimes.stream().filter(id -> !containers.contains(id)).toList();
        List<Options> passes = new ArrayList<>(Passes.split(base(false).include(ColdStartWarmHost.INCLUDE).build(), others));
        ChainedOptionsBuilder longer = base(false).include(ColdStartWarmHost.INCLUDE);
        if (!jmh.getMeasurementIterations().hasValue()) {
            longer.measurementIterations(ColdStartWarmHost.CONTAINER_ITERATIONS);
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            longer.measurementTime(TimeValue.seconds(ColdStartWarmHost.CONTAINER_ITERATION_SECONDS));
        }
        passes.addAll(Passes.split(longer.build(), containers));
        return passes;
    }

    /**
     * Steady state: every function at {@value SteadyState#SWEEP_POINTS} log-spaced n on the sweep's runtimes (one run
     * per function, as each has its own n), and at S and L on the others the suite measures (or the user named).
     */
    private List<Options> steadyStatePasses(RunPlan plan) {
        List<String> runtimes = plan.runtimes();
        List<String> sweep = SteadyState.SWEEP_RUNTIMES.stream().filter(runtimes::contains).toList();
        // Runtimes the user named are all measured: those outside the sweep at S and L.
        List<String> ends = plan.runtimesGiven() ? runtimes.stream().filter(id -> !sweep.contains(id)).toList()
                : SteadyState.ENDS_RUNTIMES.stream().filter(runtimes::contains).toList();
        List<Options> passes = new ArrayList<>();
        List<CatalogFunction> functions = RunPlan.given(jmh, "fn").stream().map(CatalogFunction::byId).toList();
        for (CatalogFunction function : CatalogFunction.values()) {
            if (!functions.isEmpty() && !functions.contains(function)) {
                continue;
            }
            String[] inputs = function.logSpacedInputs(SteadyState.SWEEP_POINTS).stream().map(String::valueOf).toArray(String[]::new);
            passes.addAll(Passes.split(base(false).include(SteadyState.INCLUDE).param("fn", function.id()).param("n", inputs).build(), sweep));
        }
        passes.addAll(Passes.split(base(false).include(SteadyState.INCLUDE).param("n", Size.S.name(), Size.L.name()).build(), ends));
        return passes;
    }

    /** The user's options, with Nebula's profilers, narrowed to the benchmark methods of a user function or of the catalog. */
    private ChainedOptionsBuilder base(boolean userFunction) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(jmh);
        BenchmarkSelection.keepFunctionKind(builder, jmh, userFunction);
        RunPlan.canonicalParameters(jmh).forEach(builder::param);
        Profilers.addNebula(builder, jmh);
        if (!quick) {
            Profilers.addGc(builder, jmh);
        }
        List<String> jvmArgsAppend = ForkFlags.with(ForkFlags.launcherProperties(), jmh.getJvmArgsAppend().orElse(List.of()));
        if (quick) {
            quickIterations(builder);
            jvmArgsAppend.add("-D" + WarmUp.CAP_PROPERTY + "=0"); // a smoke run: no settling, warmup.capped says so
            jvmArgsAppend.add("-D" + CpuProfiler.IDLE_MILLIS_PROPERTY + "=100");
        }
        if (!jvmArgsAppend.isEmpty()) {
            builder.jvmArgsAppend(jvmArgsAppend.toArray(String[]::new));
        }
        return builder;
    }

    /** The quick run's forks and iterations, under whatever the JMH arguments set themselves. */
    private void quickIterations(ChainedOptionsBuilder builder) {
        if (!jmh.getForkCount().hasValue()) {
            builder.forks(1); // a smoke run; a measurement has 3 forks
        }
        if (!jmh.getWarmupIterations().hasValue()) {
            builder.warmupIterations(1);
        }
        if (!jmh.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(2);
        }
        if (!jmh.getWarmupTime().hasValue()) {
            builder.warmupTime(TimeValue.milliseconds(300));
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            builder.measurementTime(TimeValue.milliseconds(300));
        }
    }

    static String format(Duration duration) {
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }
}
