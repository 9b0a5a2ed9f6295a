package dev.nebula.runtime.cli;

import dev.nebula.TrapException;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Phases;

/**
 * The phases of a one-shot cold start of the native binary, shared by the process and docker runtimes.
 * In order, each ending where the next begins, so they add up to the whole:
 * <ol>
 *   <li>{@link #CREATE}: docker only, the engine creates the container (returns its id);</li>
 *   <li>{@link #START}: until the function's first instruction, as the binary reports it (container start, or fork and exec);</li>
 *   <li>{@link #COMPUTE}: the function itself, by the binary's own clock;</li>
 *   <li>{@link #EXIT}: from the function's return until the host has seen the exit and read the output;</li>
 *   <li>{@link #REMOVE}: docker only, the engine removes the container.</li>
 * </ol>
 */
public final class ColdPhases {
    public static final String CREATE = "create";
    public static final String START = Deployment.START;
    public static final String COMPUTE = "compute";
    public static final String EXIT = "exit";
    public static final String REMOVE = "remove";

    private ColdPhases() {}

    /**
     * Marks {@link #START} and {@link #COMPUTE} at the binary's own timestamps and {@link #EXIT} at {@code exited}.
     * The timestamps are clamped between {@code notBefore} (the host's last mark) and {@code exited}, so that a
     * microsecond of clock conversion error can never make a phase negative.
     */
    public static void markRun(Phases phases, Timestamps timestamps, long notBefore, long exited) {
        if (timestamps == null) {
            throw new TrapException("the native binary did not report its timestamps with " + CliProtocol.TIMESTAMPS_ENV
                    + "=1; rebuild it with: bash wasm-modules/build.sh");
        }
        long start = clamp(timestamps.startNanoTime(), notBefore, exited);
        long end = clamp(timestamps.endNanoTime(), start, exited);
        phases.markAt(START, start);
        phases.markAt(COMPUTE, end);
        phases.markAt(EXIT, exited);
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
