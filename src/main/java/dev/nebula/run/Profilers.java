package dev.nebula.run;

import dev.nebula.measure.CpuProfiler;
import dev.nebula.measure.DensityProfiler;
import dev.nebula.measure.PhaseProfiler;
import java.util.List;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;

/**
 * The profilers every launch turns on, for both launchers: Nebula's own (phases, {@code cpu.machine}, {@code cpu.jvm},
 * energy, Density's memory), each unless the user named it with {@code -prof} already, so their options win.
 */
final class Profilers {
    static final List<Class<? extends InternalProfiler>> NEBULA = List.of(PhaseProfiler.class, CpuProfiler.class, DensityProfiler.class);
    /** JMH's {@code gc}: {@code gc.alloc.rate.norm}, bytes allocated per cold start or warm call. */
    static final String GC = "gc";

    private Profilers() {}

    /** Adds Nebula's profilers that {@code given} does not name. */
    static void addNebula(ChainedOptionsBuilder builder, Options given) {
        NEBULA.stream().filter(profiler -> !named(given, profiler.getName())).forEach(builder::addProfiler);
    }

    /** Adds JMH's {@code gc} profiler unless {@code given} names it. */
    static void addGc(ChainedOptionsBuilder builder, Options given) {
        if (!named(given, GC)) {
            builder.addProfiler(GC);
        }
    }

    private static boolean named(Options given, String profiler) {
        return given.getProfilers().stream().map(ProfilerConfig::getKlass).anyMatch(profiler::equals);
    }
}
