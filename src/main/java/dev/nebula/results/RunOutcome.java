package dev.nebula.results;

import dev.nebula.run.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * The truth about a finished {@code java -jar benchmarks.jar} run, for its exit code. Plain JMH exits 0 when every
 * benchmark failed and over a result file cut short by a full disk; here a run is good only when every planned case
 * (each benchmark at each combination of its parameter values) has a result and the result file, if one was asked
 * for, holds them all. The planned-case and file checks are {@link ResultsCheck}'s, as for the suite.
 */
public final class RunOutcome {
    private RunOutcome() {}

    /**
     * What is wrong with a finished run; empty when nothing is.
     *
     * @param planned    what the run's passes planned ({@link Suite#planned} of each pass's options)
     * @param results    what {@code Runner.run()} returned, over every pass
     * @param resultFile the result file written, or null when none was asked for (no {@code -rf}/{@code -rff})
     * @param format     its format; only JSON can be checked entry by entry, the others are checked for being there
     */
    public static List<String> problems(List<EnvSidecar.Planned> planned, Collection<RunResult> results, Path resultFile,
                                        ResultFormatType format) {
        List<ResultsCheck.Planned> asked = planned.stream().map(p -> new ResultsCheck.Planned(p.benchmark(), p.params())).toList();
        List<ResultsCheck.Present> present = new ArrayList<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            Map<String, String> values = new LinkedHashMap<>();
            for (Object key : params.getParamsKeys()) {
                values.put((String) key, params.getParam((String) key));
            }
            present.add(new ResultsCheck.Present(params.getBenchmark(), values));
        }
        List<String> problems = new ArrayList<>(ResultsCheck.missing(asked, present));
        if (resultFile != null) {
            problems.addAll(format == ResultFormatType.JSON ? ResultsCheck.checkFile(resultFile, results.size()) : checkPresent(resultFile));
        }
        return problems;
    }

    private static List<String> checkPresent(Path file) {
        try {
            return Files.size(file) > 0 ? List.of() : List.of(file + " is empty");
        } catch (IOException e) {
            return List.of("cannot read " + file + ": " + ResultsLocation.reason(e));
        }
    }
}
