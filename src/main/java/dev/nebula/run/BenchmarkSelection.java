package dev.nebula.run;

import dev.nebula.NebulaException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The benchmark methods a run selects: a pattern that selects none is an error that lists the benchmarks there are. */
public final class BenchmarkSelection {
    private BenchmarkSelection() {}

    /** The benchmark methods (one entry per method and mode) {@code run}'s includes and excludes select, as JMH would. */
    public static Collection<BenchmarkListEntry> of(Options run) {
        return BenchmarkList.defaultList().find(silent(), includes(run), run.getExcludes());
    }

    public static void requireSomeMatch(Options options) {
        if (!of(options).isEmpty()) {
            return;
        }
        TreeSet<String> names = new TreeSet<>();
        BenchmarkList.defaultList().getAll(silent(), List.of()).forEach(entry -> names.add(shortName(entry.getUsername())));
        throw new NebulaException("no benchmark matches " + String.join(", ", includes(options))
                + (options.getExcludes().isEmpty() ? "" : " (excluding " + String.join(", ", options.getExcludes()) + ")")
                + "; the benchmarks are: " + String.join(", ", names) + " (a pattern is a regular expression over the full name,"
                + " e.g. SteadyState or ColdStartWarmHost.coldInvoke)");
    }

    /** No includes selects every benchmark, as in JMH. */
    private static List<String> includes(Options run) {
        return run.getIncludes().isEmpty() ? List.of(".*") : run.getIncludes();
    }

    /** JMH's lookup wants an output for its warnings; the launchers report selection problems themselves. */
    private static OutputFormat silent() {
        return OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
    }

    /** {@code SteadyState.invoke} of {@code dev.nebula.bench.SteadyState.invoke}. */
    private static String shortName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    }
}
