package dev.nebula.measure;

import dev.nebula.NebulaException;
import dev.nebula.runtime.Phases;
import java.util.Arrays;

/**
 * The sum of each cold-start phase over the shots of one iteration: added to by the benchmark thread after every
 * shot, read and reset by {@link PhaseProfiler} between iterations, when the benchmark thread runs no shot.
 * Adding is a few array additions per shot, the same for every runtime, so it can sit inside a measured operation
 * (in {@code SampleTime} there is no hook between operations that stays out of the measurement).
 */
public final class PhaseTotals {
    private static final int MAX_PHASES = 8;

    private final String[] names = new String[MAX_PHASES];
    private final long[] nanos = new long[MAX_PHASES];
    private int phases;
    private long shots;

    /** Adds one shot's phases; a shot whose phases differ from the first's is an error, not a silent mix. */
    public void add(Phases shot) {
        int count = shot.count();
        if (shots == 0) {
            phases = count;
            for (int i = 0; i < count; i++) {
                names[i] = shot.name(i);
            }
        } else if (count != phases) {
            throw new NebulaException("a cold start recorded phases " + shot + " where earlier shots recorded "
                    + Arrays.toString(Arrays.copyOf(names, phases)));
        }
        for (int i = 0; i < count; i++) {
            nanos[i] += shot.nanos(i);
        }
        shots++;
    }

    /** Forgets every shot so far: at each iteration's start, and after a setup's own shots. */
    public void reset() {
        Arrays.fill(nanos, 0);
        phases = 0;
        shots = 0;
    }

    long shots() {
        return shots;
    }

    int phases() {
        return phases;
    }

    String name(int phase) {
        return names[phase];
    }

    /** The mean of phase {@code phase} over the shots, in nanoseconds. */
    double meanNanos(int phase) {
        return (double) nanos[phase] / shots;
    }
}
