package dev.nebula.runtime;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.cli.CliProtocol;
import java.util.function.Supplier;

/**
 * One run of a WASI command, in the steps every runtime takes and times alike: creating it sets up its context
 * (WASI options, captured stdout, store or context), then {@link #instantiate}, {@link #execute}, {@link #close}.
 * What the run answered is read by the caller: a catalog function's result bits, or a user function's line of text.
 */
public interface WasiCommandRun extends AutoCloseable {

    /** Instantiates and links the module; nothing of {@code _start} runs yet. */
    void instantiate();

    /**
     * Runs {@code _start} to its exit and returns the exit code; a trap is a {@link dev.nebula.TrapException}, a run
     * past the time limit an {@link dev.nebula.InvocationTimeoutException}.
     */
    int execute();

    /** What the run printed on stdout, once it has executed. */
    String stdout();

    /** What the run printed on stderr, once it has executed. */
    String stderr();

    /** The run, as error messages name it. */
    String what();

    @Override
    void close();

    /** A warm request of a catalog function: every step, untimed; its result bits. */
    static long once(Supplier<? extends WasiCommandRun> context, CatalogFunction function) {
        try (WasiCommandRun run = context.get()) {
            run.instantiate();
            return result(run, function);
        }
    }

    /** A cold request of a catalog function, recording {@link Deployment#CONTEXT}, {@link Deployment#INSTANTIATE}, {@link Deployment#RUN}, {@link Deployment#CLOSE}. */
    static long timed(Supplier<? extends WasiCommandRun> context, CatalogFunction function, Phases phases) {
        phases.begin();
        try (WasiCommandRun run = context.get()) {
            phases.mark(Deployment.CONTEXT);
            run.instantiate();
            phases.mark(Deployment.INSTANTIATE);
            long result = result(run, function);
            phases.mark(Deployment.RUN);
            return result;
        } finally {
            phases.mark(Deployment.CLOSE);
        }
    }

    /** A warm request of a user function: every step, untimed; its answer line. */
    static String onceText(Supplier<? extends WasiCommandRun> context) {
        try (WasiCommandRun run = context.get()) {
            run.instantiate();
            return answer(run);
        }
    }

    /** A cold request of a user function, with the phases of {@link #timed}. */
    static String timedText(Supplier<? extends WasiCommandRun> context, Phases phases) {
        phases.begin();
        try (WasiCommandRun run = context.get()) {
            phases.mark(Deployment.CONTEXT);
            run.instantiate();
            phases.mark(Deployment.INSTANTIATE);
            String answer = answer(run);
            phases.mark(Deployment.RUN);
            return answer;
        } finally {
            phases.mark(Deployment.CLOSE);
        }
    }

    private static long result(WasiCommandRun run, CatalogFunction function) {
        int exitCode = run.execute();
        return CliProtocol.runResult(run.what(), function, exitCode, run.stdout(), run.stderr());
    }

    private static String answer(WasiCommandRun run) {
        int exitCode = run.execute();
        return CommandAnswer.of(run.what(), exitCode, run.stdout(), run.stderr());
    }
}
