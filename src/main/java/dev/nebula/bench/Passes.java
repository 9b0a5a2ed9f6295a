package dev.nebula.bench;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One JMH run as the runs that need different fork flags. JMH fixes fork flags per run, not per parameter value,
 * and only graalwasm's forks may carry {@link ForkFlags#GRAALWASM} (they turn CDS off, slowing every other JVM's
 * boot), so graalwasm's cases run as a JMH run of their own with those flags appended to the user's
 * {@code -jvmArgsAppend}. The results of all runs go into one result file.
 */
final class Passes {
    private Passes() {}

    /** {@code run} over {@code runtimes}, split so that graalwasm's cases alone get its flags. */
    static List<Options> split(Options run, List<String> runtimes) {
        List<String> others = runtimes.stream().filter(id -> !id.equals(ForkFlags.GRAALWASM_RUNTIME)).toList();
        List<Options> passes = new ArrayList<>();
        if (!others.isEmpty()) {
            passes.add(new OptionsBuilder().parent(run).param("runtime", others.toArray(String[]::new)).build());
        }
        if (runtimes.contains(ForkFlags.GRAALWASM_RUNTIME)) {
            List<String> append = ForkFlags.with(run.getJvmArgsAppend().orElse(List.of()), ForkFlags.GRAALWASM);
            ChainedOptionsBuilder graalwasm = new OptionsBuilder().parent(run)
                    .param("runtime", ForkFlags.GRAALWASM_RUNTIME)
                    .jvmArgsAppend(append.toArray(String[]::new));
            passes.add(graalwasm.build());
        }
        return passes;
    }
}
