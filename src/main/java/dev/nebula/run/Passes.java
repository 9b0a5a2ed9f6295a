package dev.nebula.run;

import dev.nebula.runtime.Runtimes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One JMH run as the runs that need different fork flags or runtimes. JMH fixes fork flags per run, not per parameter
 * value, and only the forks of a runtime whose descriptor asks for fork flags may carry them (GraalWasm's turn CDS
 * off, slowing every other JVM's boot), so such a runtime's cases run as a JMH run of their own with its flags appended
 * to the user's {@code -jvmArgsAppend}. And a {@code -p runtime} list applies to every benchmark of a run, while not
 * every benchmark hosts every runtime ({@code ColdStartProcess} spawns JVM hosts only), so each benchmark gets the
 * runtimes its own {@code runtime} parameter lists. The results of all runs go into one result file.
 */
final class Passes {
    private Passes() {}

    /**
     * {@code run} over {@code runtimes}: one run per group of benchmarks hosting the same of those runtimes, each
     * split so that only the cases of a runtime with fork flags of its own get them. A benchmark hosting none of them is left out.
     */
    static List<Options> split(Options run, List<String> runtimes) {
        Map<List<String>, List<String>> methodsByRuntimes = new LinkedHashMap<>();
        List<String> allMethods = new ArrayList<>();
        for (BenchmarkListEntry entry : BenchmarkSelection.of(run)) {
            List<String> hosted = List.of(entry.getParams().orElse(Map.of()).getOrDefault("runtime", new String[0]));
            List<String> kept = runtimes.stream().filter(hosted::contains).toList();
            allMethods.add(entry.getUsername());
            if (!kept.isEmpty()) {
                methodsByRuntimes.computeIfAbsent(kept, k -> new ArrayList<>()).add(entry.getUsername());
            }
        }
        List<Options> passes = new ArrayList<>();
        methodsByRuntimes.forEach((kept, methods) -> runtimesByForkFlags(kept).forEach((flags, ids) -> {
            ChainedOptionsBuilder pass = only(run, methods, allMethods).param("runtime", ids.toArray(String[]::new));
            if (!flags.isEmpty()) {
                List<String> append = ForkFlags.with(run.getJvmArgsAppend().orElse(List.of()), flags);
                pass.jvmArgsAppend(append.toArray(String[]::new));
            }
            passes.add(pass.build());
        }));
        return passes;
    }

    /** The runtimes grouped by the fork flags their descriptors ask for, those asking for none first. */
    private static Map<List<String>, List<String>> runtimesByForkFlags(List<String> runtimes) {
        Map<List<String>, List<String>> byFlags = new LinkedHashMap<>();
        byFlags.put(List.of(), new ArrayList<>());
        runtimes.forEach(id -> byFlags.computeIfAbsent(Runtimes.descriptor(id).forkJvmFlags(), flags -> new ArrayList<>()).add(id));
        byFlags.values().removeIf(List::isEmpty);
        return byFlags;
    }

    /** {@code run} narrowed to {@code methods}: JMH adds includes up, so the other methods are excluded instead. */
    private static ChainedOptionsBuilder only(Options run, List<String> methods, List<String> allMethods) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(run);
        allMethods.stream().filter(method -> !methods.contains(method))
                .forEach(method -> BenchmarkSelection.exclude(builder, method));
        return builder;
    }
}
