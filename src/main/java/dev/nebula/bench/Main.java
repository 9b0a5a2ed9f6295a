package dev.nebula.bench;

import dev.nebula.NebulaException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;

/**
 * The main class of {@code target/benchmarks.jar}: JMH with every option as JMH defines it, after a preflight. The
 * preflight checks the {@code -p} values (a bad one ends the run at once, listing the valid values, before any fork
 * or result file), leaves out runtimes that cannot run here with one line each, and turns on {@link NebulaProfiler}.
 *
 * <p>Unlike {@code org.openjdk.jmh.Main}, it runs graalwasm's cases as a JMH run of their own ({@link Passes}), since
 * only their forks may carry GraalWasm's JVM flags, and writes the results of all runs into the one result file that
 * {@code -rf}/{@code -rff} ask for. Help, listings and option syntax errors are JMH's own.
 */
public final class Main {
    private Main() {}

    /** What the preflight hands to JMH: the runs to make, and the result file to write after them, if asked for. */
    record Launch(List<Options> passes, Optional<ResultFile> resultFile) {}

    /** The result file JMH would write for {@code -rf}/{@code -rff}, with JMH's own default name and format. */
    record ResultFile(ResultFormatType format, String path) {
        static Optional<ResultFile> of(Options options) {
            if (!options.getResult().hasValue() && !options.getResultFormat().hasValue()) {
                return Optional.empty();
            }
            ResultFormatType format = options.getResultFormat().orElse(Defaults.RESULT_FORMAT);
            return Optional.of(new ResultFile(format,
                    options.getResult().orElse(Defaults.RESULT_FILE_PREFIX + "." + format.toString().toLowerCase())));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            dev.nebula.serve.NebulaServer.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (forJmhAlone(args)) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Launch launch;
        try {
            launch = preflight(args, Availability::problems, System.err);
        } catch (NebulaException e) {
            System.err.println("nebula: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(launch, System.out));
    }

    /** Runs every pass and writes the result file; returns the exit status. */
    static int run(Launch launch, PrintStream console) {
        List<RunResult> results = new ArrayList<>();
        try {
            for (Options pass : launch.passes()) {
                results.addAll(new Runner(pass).run());
            }
        } catch (RunnerException e) {
            console.println("nebula: JMH failed: " + e.getMessage());
            return 1;
        }
        launch.resultFile().ifPresent(file -> {
            ResultFormatFactory.getInstance(file.format(), file.path()).writeOut(results);
            console.println("nebula: the results of " + launch.passes().size() + " JMH run(s) are saved to " + file.path());
        });
        if (results.isEmpty()) {
            console.println("nebula: no benchmark produced a result; see the errors above");
            return 1;
        }
        return 0;
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

    /** The JMH runs to make; throws, saying what is valid, for a bad parameter value. */
    static Launch preflight(String[] args, Plan.AvailabilityCheck availability, PrintStream console) {
        CommandLineOptions options;
        CommandLineOptions withoutResultFile;
        try {
            options = new CommandLineOptions(args);
            withoutResultFile = new CommandLineOptions(withoutResultFile(args).toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new NebulaException("cannot read the arguments: " + e.getMessage(), e);
        }
        Plan plan = Plan.of(options, availability);
        plan.skipLines().forEach(console::println);
        OptionsBuilder run = new OptionsBuilder();
        run.parent(withoutResultFile);
        if (options.getProfilers().stream().map(ProfilerConfig::getKlass).noneMatch(NebulaProfiler.class.getName()::equals)) {
            run.addProfiler(NebulaProfiler.class);
        }
        return new Launch(Passes.split(run.build(), plan.runtimes()), ResultFile.of(options));
    }

    /** The arguments less {@code -rf} and {@code -rff}: each pass would otherwise overwrite the others' file. */
    static List<String> withoutResultFile(String[] args) {
        List<String> kept = new ArrayList<>();
        List<String> all = Arrays.asList(args);
        for (int i = 0; i < all.size(); i++) {
            String arg = all.get(i);
            if (arg.equals("-rf") || arg.equals("-rff")) {
                i++; // and its value
            } else if (!arg.startsWith("-rf=") && !arg.startsWith("-rff=")) {
                kept.add(arg);
            }
        }
        return kept;
    }

    /** The runtimes of a launch, pass by pass: for tests and messages. */
    static List<Collection<String>> runtimes(Launch launch) {
        return launch.passes().stream().map(pass -> pass.getParameter("runtime").orElse(List.of())).toList();
    }
}
