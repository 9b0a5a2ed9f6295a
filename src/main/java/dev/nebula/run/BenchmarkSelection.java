package dev.nebula.run;

import dev.nebula.NebulaException;
import dev.nebula.bench.CommandParams;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
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

    /**
     * Narrows {@code run} to the benchmark methods of one kind of function: with {@code userFunction}, those whose state
     * has a {@value CommandParams#MODULE} parameter ({@link CommandParams}); else the catalog's. Each kind's methods are
     * separate so the catalog's are measured exactly as before; a selection with none of the kind asked for is an error
     * naming those there are.
     */
    static void keepFunctionKind(ChainedOptionsBuilder run, Options selection, boolean userFunction) {
        List<String> kept = new ArrayList<>();
        for (BenchmarkListEntry entry : of(selection)) {
            if (isUserFunction(entry) == userFunction) {
                kept.add(entry.getUsername());
            } else {
                exclude(run, entry.getUsername());
            }
        }
        if (kept.isEmpty()) {
            TreeSet<String> ofKind = new TreeSet<>();
            BenchmarkList.defaultList().getAll(silent(), List.of()).stream().filter(entry -> isUserFunction(entry) == userFunction)
                    .forEach(entry -> ofKind.add(shortName(entry.getUsername())));
            throw new NebulaException(userFunction
                    ? "no benchmark selected by " + String.join(", ", includes(selection)) + " runs a user function; those that do: "
                            + String.join(", ", ofKind) + " (Density and ColdStartProcess measure the catalog only)"
                    : "the benchmarks selected by " + String.join(", ", includes(selection)) + " run a user function:"
                            + " give it with -p module=PATH, or select a catalog benchmark: " + String.join(", ", ofKind));
        }
    }

    /** Leaves out one benchmark method by its full name: JMH adds includes up, so narrowing is done by excludes. */
    static void exclude(ChainedOptionsBuilder run, String method) {
        run.exclude("^" + Pattern.quote(method) + "$");
    }

    private static boolean isUserFunction(BenchmarkListEntry entry) {
        return entry.getParams().hasValue() && entry.getParams().get().containsKey(CommandParams.MODULE);
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
