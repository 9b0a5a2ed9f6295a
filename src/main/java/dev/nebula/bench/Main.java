package dev.nebula.bench;

import dev.nebula.NebulaException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.ProfilerConfig;

/**
 * The main class of {@code target/benchmarks.jar}: JMH with every option as JMH defines it, run by {@link JarRun}
 * so that the exit code tells the truth (1 when a planned case has no result or the result file is incomplete),
 * after a preflight. The preflight checks the {@code -p} values (a bad one ends the run at once,
 * listing the valid values, before any fork or result file), leaves out runtimes that cannot run here with one
 * line each, and turns on {@link NebulaProfiler} so the cold-start phases reach the results.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        int status;
        try {
            status = JarRun.run(preflight(args, Availability::problems, System.err), System.out);
        } catch (NebulaException e) {
            System.err.println("nebula: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    /** The arguments JMH gets; throws, saying what is valid, for a bad parameter value. */
    static List<String> preflight(String[] args, Plan.AvailabilityCheck availability, PrintStream console) {
        List<String> jmhArgs = ForkFlags.inJvmArgsAppend(Arrays.asList(args));
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            return jmhArgs; // JMH reports its own syntax errors
        }
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            return jmhArgs;
        }
        Plan plan = Plan.of(options, availability);
        plan.skipLines().forEach(console::println);
        if (!plan.runtimesGiven()) {
            jmhArgs.addAll(List.of("-p", "runtime=" + String.join(",", plan.runtimes())));
        }
        if (options.getProfilers().stream().map(ProfilerConfig::getKlass).noneMatch(NebulaProfiler.class.getName()::equals)) {
            jmhArgs.addAll(List.of("-prof", NebulaProfiler.class.getName()));
        }
        return jmhArgs;
    }
}
