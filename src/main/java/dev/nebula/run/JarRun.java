package dev.nebula.run;

import dev.nebula.ExitStatus;
import dev.nebula.NebulaException;
import dev.nebula.results.ResultFiles;
import dev.nebula.results.ResultsCheck;
import dev.nebula.results.ResultsLocation;
import dev.nebula.results.ResultsWriter;
import dev.nebula.runtime.InvocationTimeout;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * A {@code java -jar benchmarks.jar} run through JMH's Runner, with an exit code that tells the truth: the results
 * location is checked before anything runs, the passes run by {@link PassSequence}'s rule (a failing pass keeps what
 * finished), the result file ({@code -rf}/{@code -rff}) is written by {@link ResultsWriter} (whole or not at all,
 * with a fallback) once, for all of the launch's JMH runs, and the run exits 1, listing what failed, when
 * {@link ResultsCheck} finds a planned case without a result, an unsettled warm host or an incomplete file.
 * {@code -foe} keeps JMH's meaning (the first failure ends the run, and the exit is 1). SIGINT or SIGTERM writes the
 * cases finished so far and exits 130 or 143 ({@link Interruption}); a run in which no case produced a result leaves
 * an existing file as it was.
 */
public final class JarRun {
    private JarRun() {}

    /** Runs the launch's JMH runs and writes their results into one file; returns the exit status. */
    public static int run(Launcher.Launch launch, PrintStream console) {
        Interruption interruption = new Interruption(console);
        return run(launch, interruption.jmh(), interruption, console);
    }

    static int run(Launcher.Launch launch, PassSequence.PassRunner runner, PrintStream console) {
        return run(launch, runner, null, console);
    }

    /** @param interruption SIGINT/SIGTERM handling for a real launch, or null (tests with fake passes) */
    private static int run(Launcher.Launch launch, PassSequence.PassRunner runner, Interruption interruption, PrintStream console) {
        InvocationTimeout.configured(); // a malformed -Dnebula.timeout fails here, not in every fork
        Path resultFile = launch.resultFile().map(file -> Path.of(file.path())).orElse(null);
        ResultFormatType format = launch.resultFile().map(Launcher.ResultFile::format).orElse(Defaults.RESULT_FORMAT);
        if (resultFile != null) {
            ResultsLocation.requireWritableFile(resultFile);
        }
        Instant start = Instant.now();
        if (interruption != null) {
            interruption.arm((results, signal) -> {
                console.println("nebula: " + signal + ": " + results.size() + " case(s) had finished");
                writeResultFile(results, resultFile, format, start, console);
            });
        }
        PassSequence.Finished finished = PassSequence.run(launch.passes(), runner);
        if (interruption != null) {
            interruption.disarm();
        }
        finished.failure().ifPresent(failure -> console.println("nebula: FAILED: " + failure));

        List<String> problems = new ArrayList<>(finished.problems());
        Optional<ResultsWriter> writer = writeResultFile(finished.results(), resultFile, format, start, console);
        Path written = writer.flatMap(w -> w.outcomes().stream().findFirst()).map(ResultsWriter.Outcome::written).orElse(null);
        if (writer.isPresent() && !writer.get().allInPlace()) {
            problems.add("the result file is not at " + resultFile.toAbsolutePath() + " (see above where it is, if anywhere)");
        }
        ResultsCheck.Expected expected = ResultsCheck.Expected.of(finished.planned(), Map.of(), false, false);
        problems.addAll(ResultsCheck.check(expected, finished.results(), written, format));
        if (problems.isEmpty()) {
            return ExitStatus.OK;
        }
        console.println("nebula: FAILED: " + finished.results().size() + " results; the run is incomplete:");
        problems.forEach(problem -> console.println("nebula:   " + problem));
        return ExitStatus.FAILED;
    }

    /**
     * Writes {@code results} into {@code resultFile} (none asked for: null) and says where it went; returns the
     * writer, or empty when nothing was written: no file was asked for, or no case produced a result, and then an
     * existing file is left as it was.
     */
    private static Optional<ResultsWriter> writeResultFile(List<RunResult> results, Path resultFile, ResultFormatType format,
                                                           Instant start, PrintStream console) {
        if (resultFile == null) {
            return Optional.empty();
        }
        if (results.isEmpty()) {
            console.println("nebula: no case produced a result, so " + resultFile.toAbsolutePath() + " was not written"
                    + (Files.exists(resultFile) ? " (it is left as it was)" : ""));
            return Optional.empty();
        }
        ResultsWriter writer = new ResultsWriter(ResultFiles.stamp(start));
        writer.write("results", resultFile, out -> ResultFormatFactory.getInstance(format, out).writeOut(results));
        console.println();
        writer.summary().forEach(line -> console.println("nebula: " + line));
        return Optional.of(writer);
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
