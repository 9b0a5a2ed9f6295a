package dev.nebula.runtime;

import java.util.function.Supplier;

/**
 * One run of a WASI command, in the steps every runtime takes and times alike: creating it sets up its context
 * (WASI options, captured stdout, store or context), then {@link #instantiate}, {@link #run}, {@link #close}.
 */
public interface WasiCommandRun extends AutoCloseable {

    /** Instantiates and links the module; nothing of {@code _start} runs yet. */
    void instantiate();

    /** Runs {@code _start} to its exit and returns the printed result's 64 bits; a non-zero exit is a {@link dev.nebula.TrapException}. */
    long run();

    @Override
    void close();

    /** A warm request: every step, untimed. */
    static long once(Supplier<? extends WasiCommandRun> context) {
        try (WasiCommandRun run = context.get()) {
            run.instantiate();
            return run.run();
        }
    }

    /** A cold request, recording {@link Deployment#CONTEXT}, {@link Deployment#INSTANTIATE}, {@link Deployment#RUN}, {@link Deployment#CLOSE}. */
    static long timed(Supplier<? extends WasiCommandRun> context, Phases phases) {
        phases.begin();
        try (WasiCommandRun run = context.get()) {
            phases.mark(Deployment.CONTEXT);
            run.instantiate();
            phases.mark(Deployment.INSTANTIATE);
            long result = run.run();
            phases.mark(Deployment.RUN);
            return result;
        } finally {
            phases.mark(Deployment.CLOSE);
        }
    }
}
