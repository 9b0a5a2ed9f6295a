package dev.nebula.run;

import dev.nebula.bench.ColdStartWarmHost;
import dev.nebula.bench.SteadyState;
import dev.nebula.NebulaException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The benchmark names a run selects: a pattern that selects none is an error that lists the benchmarks there are. */
public final class BenchmarkSelection {
    private BenchmarkSelection() {}

    public static void requireSomeMatch(Options options) {
        List<String> includes = options.getIncludes().isEmpty() ? List.of(".*") : options.getIncludes();
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        var list = BenchmarkList.defaultList();
        var format = OutputFormatFactory.createFormatInstance(silent, VerboseMode.SILENT);
        if (!list.find(format, includes, options.getExcludes()).isEmpty()) {
            return;
        }
        TreeSet<String> names = new TreeSet<>();
        list.getAll(format, List.of()).forEach(entry -> names.add(shortName(entry.getUsername())));
        throw new NebulaException("no benchmark matches " + String.join(", ", includes)
                + (options.getExcludes().isEmpty() ? "" : " (excluding " + String.join(", ", options.getExcludes()) + ")")
                + "; the benchmarks are: " + String.join(", ", names) + " (a pattern is a regular expression over the full name,"
                + " e.g. SteadyState or ColdStartWarmHost.coldInvoke)");
    }

    /** {@code SteadyState.invoke} of {@code dev.nebula.bench.SteadyState.invoke}. */
    private static String shortName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    }
}
