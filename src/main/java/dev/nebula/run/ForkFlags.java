package dev.nebula.run;

import dev.nebula.BuildInfo;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.Runtimes;
import dev.nebula.runtime.graalwasm.GraalWasmRuntime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;

/**
 * The JVM flags of the benchmark forks, in two groups.
 *
 * <p>{@link #HYGIENE}, for every fork, as {@code @Fork(jvmArgs = ...)} of each benchmark class: a fixed,
 * pre-touched heap and a named collector, so that no fork's numbers depend on heap growth, on the first touch of
 * fresh heap pages (Chicory's cold start allocates ~1.3 MB, and without pre-touch its shots flip into stretches of
 * page faults) or on the JVM's ergonomic choice of collector. Plus native access for Wasmtime's JNI library, which
 * JDK 25 would otherwise warn about.
 *
 * <p>A runtime's own, for its forks only, as its descriptor declares them ({@link RuntimeDescriptor#forkJvmFlags()}):
 * today GraalWasm's JVMCI and Graal compiler jars ({@link #GRAALWASM}), which it needs to be optimizing on a stock JDK.
 * {@code --upgrade-module-path} turns CDS off, which would slow every other runtime's JVM boot, so the launchers run
 * such a runtime's cases as a separate JMH run ({@link Passes}) with its flags appended.
 */
public final class ForkFlags {
    public static final String HEAP_MIN = "-Xms1g";
    public static final String HEAP_MAX = "-Xmx1g";
    public static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    public static final String GC = "-XX:+UseG1GC";
    public static final String NATIVE_ACCESS = BuildInfo.ENABLE_NATIVE_ACCESS;

    /** {@code Density}'s heap, for a thousand live instances; its other flags are {@link #HYGIENE}'s. */
    public static final String DENSITY_HEAP_MIN = "-Xms3g";
    public static final String DENSITY_HEAP_MAX = "-Xmx3g";

    /** Every fork's flags; the benchmark classes repeat them in {@code @Fork(jvmArgs)}, which {@code ForkFlagsTest} pins. */
    public static final List<String> HYGIENE = List.of(HEAP_MIN, HEAP_MAX, PRE_TOUCH, GC, NATIVE_ACCESS);

    /** GraalWasm's optimizing runtime on a stock JDK; only graalwasm's forks carry them. */
    public static final List<String> GRAALWASM = GraalWasmRuntime.DESCRIPTOR.forkJvmFlags();

    static final String JVM_ARGS_APPEND = "-jvmArgsAppend";
    static final String NEBULA_PROPERTY_PREFIX = "nebula.";

    private ForkFlags() {}

    /**
     * The launcher's own {@code -Dnebula.*} system properties as fork flags, sorted. JMH hands a launcher's
     * {@code -D} flags to its forks only for benchmarks without {@code @Fork(jvmArgs)}, and every Nebula benchmark
     * has them, so the launchers append these themselves: {@code java -Dnebula.timeout=1s -jar ...} limits the forks' calls.
     */
    public static List<String> launcherProperties() {
        return System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(NEBULA_PROPERTY_PREFIX)).sorted()
                .map(name -> "-D" + name + "=" + System.getProperty(name)).toList();
    }

    /**
     * Sets {@code builder}'s {@code -jvmArgsAppend} to {@link #launcherProperties()} followed by {@code options}'
     * own, so an explicit {@code -jvmArgsAppend -Dnebula.x=...} still wins (the JVM takes the last {@code -D}).
     */
    static void appendLauncherProperties(ChainedOptionsBuilder builder, Options options) {
        List<String> append = with(launcherProperties(), options.getJvmArgsAppend().orElse(List.of()));
        if (!append.isEmpty()) {
            builder.jvmArgsAppend(append.toArray(String[]::new));
        }
    }

    /** Every runtime's own fork flags together: a JVM that has them all can ask every runtime whether it runs. */
    static List<String> everyRuntimesOwn() {
        List<String> all = List.of();
        for (RuntimeDescriptor runtime : Runtimes.descriptors()) {
            all = with(all, runtime.forkJvmFlags());
        }
        return all;
    }

    /** {@code jvmArgs} followed by whichever of {@code flags} it lacks. */
    static List<String> with(Collection<String> jvmArgs, Collection<String> flags) {
        List<String> all = new ArrayList<>(jvmArgs);
        flags.stream().filter(flag -> !all.contains(flag)).forEach(all::add);
        return all;
    }
}
