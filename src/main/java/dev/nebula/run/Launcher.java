package dev.nebula.run;

import dev.nebula.measure.CpuProfiler;
import dev.nebula.measure.DensityProfiler;
import dev.nebula.measure.PhaseProfiler;
import dev.nebula.ExitStatus;
import dev.nebula.NebulaException;
import dev.nebula.runtime.FunctionArtifact;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmarks of {@code target/benchmarks.jar} (behind {@code dev.nebula.Nebula}, for arguments that name no
 * other command): JMH with every option
 * as JMH defines it, after a preflight, run by {@link JarRun} so that the exit code tells the truth. The preflight
 * checks the {@code -p} values (a bad one ends the run at once, listing the valid values, before any fork or result
 * file), leaves out runtimes that cannot run here with one line each, requires the native binary where a case deploys
 * it ({@link NativeBinaryCheck}), and turns on Nebula's profilers
 * ({@link PhaseProfiler}, {@link CpuProfiler}, {@link DensityProfiler}).
 *
 * <p>Unlike {@code org.openjdk.jmh.Main}, it makes several JMH runs ({@link Passes}): graalwasm's cases alone, since
 * only their forks may carry GraalWasm's JVM flags, and each benchmark with only the runtimes it hosts. The results
 * of all runs go into the one result file that {@code -rf}/{@code -rff} ask for. Help, listings and option syntax
 * errors are JMH's own.
 */
public final class Launcher {
    private Launcher() {}

    /** What the preflight hands to JMH: the runs to make, and the result file to write after them, if asked for. */
    record Launch(List<Options> passes, Optional<ResultFile> resultFile) {}

    /**
     * The result file of {@code -rf}/{@code -rff}, with JMH's own default name and format; a file name ending in a
     * format's extension ({@code .json}, {@code .csv}, {@code .scsv}, {@code .txt}, {@code .tex}) implies that format,
     * and an {@code -rf} that contradicts it is an error, so {@code -rff x.json} never holds CSV.
     */
    record ResultFile(ResultFormatType format, String path) {
        private static final Map<String, ResultFormatType> BY_EXTENSION = Map.of("json", ResultFormatType.JSON,
                "csv", ResultFormatType.CSV, "scsv", ResultFormatType.SCSV, "txt", ResultFormatType.TEXT, "tex", ResultFormatType.LATEX);

        static Optional<ResultFile> of(Options options) {
            if (!options.getResult().hasValue() && !options.getResultFormat().hasValue()) {
                return Optional.empty();
            }
            Optional<ResultFormatType> implied = Optional.ofNullable(options.getResult().orElse(null)).flatMap(ResultFile::impliedFormat);
            if (implied.isPresent() && options.getResultFormat().hasValue() && options.getResultFormat().get() != implied.get()) {
                throw new NebulaException("-rf " + name(options.getResultFormat().get()) + " contradicts -rff " + options.getResult().get()
                        + ", whose name says " + name(implied.get()) + "; drop -rf (the name decides) or name the file for its format");
            }
            ResultFormatType format = options.getResultFormat().orElse(implied.orElse(Defaults.RESULT_FORMAT));
            return Optional.of(new ResultFile(format, options.getResult().orElse(Defaults.RESULT_FILE_PREFIX + "." + name(format))));
        }

        private static Optional<ResultFormatType> impliedFormat(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? Optional.empty() : Optional.ofNullable(BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
        }

        private static String name(ResultFormatType format) {
            return format.toString().toLowerCase(Locale.ROOT);
        }
    }

    public static void main(String[] args) throws Exception {
        if (forJmhAlone(args)) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        ExitStatus.run("nebula", () -> {
            Launch launch = preflight(args, Availability::problems, System.err);
            NativeBinaryCheck.require(launch.passes(), FunctionArtifact::nativeBinary);
            return JarRun.run(launch, System.out);
        });
    }

    /** Help, listings and arguments JMH cannot parse: JMH answers those itself, running nothing. */
    static boolean forJmhAlone(String[] args) {
        try {
            CommandLineOptions options = new CommandLineOptions(args);
            return options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                    || options.shouldListProfilers() || options.shouldListResultFormats();
        } catch (CommandLineOptionException e) {
            return true; // JMH reports its own syntax errors
        }
    }

    /** The JMH runs to make; throws, saying what is valid, for a bad parameter value or a pattern matching nothing. */
    static Launch preflight(String[] args, RunPlan.AvailabilityCheck availability, PrintStream console) {
        CommandLineOptions options;
        CommandLineOptions withoutResultFile;
        try {
            options = new CommandLineOptions(args);
            withoutResultFile = JarRun.withoutResultFile(Arrays.asList(args));
        } catch (CommandLineOptionException e) {
            throw new NebulaException("cannot read the arguments: " + e.getMessage(), e);
        }
        Optional<ResultFile> resultFile = ResultFile.of(options);
        BenchmarkSelection.requireSomeMatch(withoutResultFile);
        RunPlan plan = RunPlan.of(options, availability);
        plan.skipLines().forEach(console::println);
        OptionsBuilder run = new OptionsBuilder();
        run.parent(withoutResultFile);
        BenchmarkSelection.keepFunctionKind(run, withoutResultFile, plan.userFunction().isPresent());
        plan.userFunction().ifPresent(userFunction -> {
            AnswerCheck.require(userFunction, plan.runtimes());
            console.println("nebula: " + userFunction.function().name() + " answers alike on " + String.join(", ", plan.runtimes()));
        });
        RunPlan.canonicalParameters(options).forEach(run::param);
        ForkFlags.appendLauncherProperties(run, options);
        Profilers.addNebula(run, options);
        return new Launch(Passes.split(run.build(), plan.runtimes()), resultFile);
    }

    /** The runtimes of a launch, pass by pass: for tests and messages. */
    static List<Collection<String>> runtimes(Launch launch) {
        return launch.passes().stream().map(pass -> pass.getParameter("runtime").orElse(List.of())).toList();
    }
}
