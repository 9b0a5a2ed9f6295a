package dev.nebula.run;

import dev.nebula.results.EnvSidecar;
import dev.nebula.results.ResultsLocation;
import dev.nebula.results.ResultsWriter;
import dev.nebula.results.RunOutcome;
import dev.nebula.NebulaException;
import dev.nebula.runtime.InvocationTimeout;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * A {@code java -jar benchmarks.jar} run through JMH's Runner, with an exit code that tells the truth: the results
 * location is checked before anything runs, the result file ({@code -rf}/{@code -rff}) is written by
 * {@link ResultsWriter} (whole or not at all, with a fallback) once, for all of the launch's JMH runs, and the run
 * exits 1, listing what failed, when a planned case has no result or the file is not complete ({@link RunOutcome}).
 * {@code -foe} keeps JMH's meaning (the first failure ends the run, and the exit is 1).
 */
public final class JarRun {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private JarRun() {}

    /**
     * Runs the launch's JMH runs one after another and writes their results into one file; returns the exit status.
     * A run that fails as a whole (JMH's {@code -foe}, say) ends the launch, but what the runs before it measured is
     * still written.
     */
    public static int run(Launcher.Launch launch, PrintStream console) {
        InvocationTimeout.configured(); // a malformed -Dnebula.timeout fails here, not in every fork
        Path resultFile = launch.resultFile().map(file -> Path.of(file.path())).orElse(null);
        ResultFormatType format = launch.resultFile().map(Launcher.ResultFile::format).orElse(Defaults.RESULT_FORMAT);
        if (resultFile != null) {
            ResultsLocation.requireWritableFile(resultFile);
        }
        List<EnvSidecar.Planned> planned = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        for (Options pass : launch.passes()) {
            planned.addAll(Suite.planned(pass));
            try {
                results.addAll(new Runner(pass).run());
            } catch (RunnerException e) {
                console.println("nebula: FAILED: " + e.getMessage());
                verdict(planned, results, resultFile, format, console);
                return 1;
            }
        }
        return verdict(planned, results, resultFile, format, console);
    }

    /**
     * Writes the result file, if one is wanted, and applies {@link RunOutcome}: 0 when every planned case has a
     * result and the file holds them all where it was asked for; otherwise 1, with each problem on the console.
     */
    public static int verdict(List<EnvSidecar.Planned> planned, Collection<RunResult> results, Path resultFile,
                              ResultFormatType format, PrintStream console) {
        List<String> problems = new ArrayList<>();
        Path written = null;
        if (resultFile != null) {
            ResultsWriter writer = new ResultsWriter(STAMP.format(Instant.now()));
            written = writer.write("results", resultFile, out -> ResultFormatFactory.getInstance(format, out).writeOut(results));
            console.println();
            writer.summary().forEach(line -> console.println("nebula: " + line));
            if (!writer.allInPlace()) {
                problems.add("the result file is not at " + resultFile.toAbsolutePath() + " (see above where it is, if anywhere)");
            }
        }
        problems.addAll(RunOutcome.problems(planned, results, written, format));
        if (problems.isEmpty()) {
            return 0;
        }
        console.println("nebula: FAILED: " + results.size() + " results; the run is incomplete:");
        problems.forEach(problem -> console.println("nebula:   " + problem));
        return 1;
    }

    /** The options without {@code -rf}/{@code -rff}: Nebula writes the result file itself, so it is never half-written. */
    static CommandLineOptions withoutResultFile(List<String> jmhArgs) throws CommandLineOptionException {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < jmhArgs.size(); i++) {
            String arg = jmhArgs.get(i);
            if (arg.equals("-rf") || arg.equals("-rff")) {
                i++;
            } else {
                kept.add(arg);
            }
        }
        CommandLineOptions options = new CommandLineOptions(kept.toArray(String[]::new));
        if (options.getResult().hasValue() || options.getResultFormat().hasValue()) {
            throw new NebulaException("write -rf and -rff each as its own word followed by its value, e.g. -rf json -rff out.json");
        }
        return options;
    }
}
