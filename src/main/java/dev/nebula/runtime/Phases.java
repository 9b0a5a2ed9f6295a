package dev.nebula.runtime;

import java.util.Arrays;

/**
 * The phases of one cold start, as consecutive intervals on the {@link System#nanoTime} clock, so that
 * they add up to the whole by construction. Reused across measurements; not thread-safe.
 */
public final class Phases {
    /** Records nothing: for measurements that do not want the breakdown. */
    public static final Phases IGNORED = new Phases(false);

    private static final int MAX_PHASES = 8;

    private final boolean enabled;
    private final String[] names = new String[MAX_PHASES];
    private final long[] ends = new long[MAX_PHASES];
    private long begin;
    private int count;

    private Phases(boolean enabled) {
        this.enabled = enabled;
    }

    public static Phases recording() {
        return new Phases(true);
    }

    /** Starts a new breakdown now, forgetting the previous one. */
    public void begin() {
        if (enabled) {
            count = 0;
            begin = System.nanoTime();
        }
    }

    /** Ends the phase {@code name} now. */
    public void mark(String name) {
        if (enabled) {
            markAt(name, System.nanoTime());
        }
    }

    /** Ends the phase {@code name} at a nanoTime taken elsewhere, e.g. a timestamp the function reported itself. */
    public void markAt(String name, long nanoTime) {
        if (!enabled) {
            return;
        }
        if (count == MAX_PHASES) {
            throw new IllegalStateException("more than " + MAX_PHASES + " phases: " + Arrays.toString(names));
        }
        names[count] = name;
        ends[count] = nanoTime;
        count++;
    }

    /**
     * Appends {@code inner}'s phases, each ending where it ended there: a request recorded inside a larger one. The
     * first appended phase also holds the time between this breakdown's last mark and {@code inner}'s begin.
     */
    public void append(Phases inner) {
        for (int i = 0; i < inner.count; i++) {
            markAt(inner.names[i], inner.ends[i]);
        }
    }

    public int count() {
        return count;
    }

    public String name(int index) {
        return names[index];
    }

    /** How long the phase at {@code index} took, in nanoseconds. */
    public long nanos(int index) {
        return ends[index] - (index == 0 ? begin : ends[index - 1]);
    }

    /** The whole, from {@link #begin} to the last mark: the sum of every phase. */
    public long totalNanos() {
        return count == 0 ? 0 : ends[count - 1] - begin;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(nanos(i)).append("ns");
        }
        return text.toString();
    }
}
