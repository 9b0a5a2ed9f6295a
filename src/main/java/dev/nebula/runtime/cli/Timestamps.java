package dev.nebula.runtime.cli;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a one-shot run of the native binary reports about itself with {@code NEBULA_TIMESTAMPS=1}: the wall-clock
 * time (Unix epoch ns) at its main's first instruction and right after the function returned. The thesis split
 * Docker's cold start the same way: only the function itself knows when it started running.
 */
public record Timestamps(long startEpochNanos, long endEpochNanos) {
    private static final Pattern LINE = Pattern.compile("^nebula-timestamps start=(\\d+) end=(\\d+)$", Pattern.MULTILINE);

    /** The timestamps line in a run's stderr; null when there is none (an older binary, or timestamps not asked for). */
    public static Timestamps find(String stderr) {
        Matcher matcher = LINE.matcher(stderr);
        if (!matcher.find()) {
            return null;
        }
        return new Timestamps(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }

    /** {@link #startEpochNanos} on the {@link System#nanoTime} clock. */
    public long startNanoTime() {
        return toNanoTime(startEpochNanos);
    }

    /** {@link #endEpochNanos} on the {@link System#nanoTime} clock. */
    public long endNanoTime() {
        return toNanoTime(endEpochNanos);
    }

    /**
     * Converts a wall-clock time (the kernel's CLOCK_REALTIME, which a container shares with its host) onto the
     * nanoTime clock the phases use, by sampling both clocks now; good to a few microseconds.
     */
    public static long toNanoTime(long epochNanos) {
        long before = System.nanoTime();
        Instant now = Instant.now();
        long after = System.nanoTime();
        long nowEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return epochNanos - nowEpochNanos + before + (after - before) / 2;
    }
}
