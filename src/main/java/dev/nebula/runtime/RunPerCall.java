package dev.nebula.runtime;

import dev.nebula.function.CatalogFunction;
import java.util.function.LongFunction;

/**
 * The instance of a user function's native binary ({@link Abi#COMMAND}) on a process or container runtime: the contract
 * has no server mode, so nothing lives between calls and each {@link #invokeText} is a whole run, as a cold call is.
 */
public final class RunPerCall implements FunctionInstance {
    private final LongFunction<String> run;

    /** @param run one whole run of the binary with n as argv[1], returning its answer line */
    public RunPerCall(LongFunction<String> run) {
        this.run = run;
    }

    @Override
    public long invoke(CatalogFunction function, long n) {
        throw new IllegalStateException("a user function answers text: call invokeText(" + n + ")");
    }

    @Override
    public String invokeText(long n) {
        return run.apply(n);
    }

    /** Nothing to close: no process or container outlives its call. */
    @Override
    public void close() {}
}
