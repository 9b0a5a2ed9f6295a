package dev.nebula.runtime;

import dev.nebula.function.CatalogFunction;

/** A deployed module: compiled and cached, ready to start instances. Closing it frees what deploy built. */
public interface Deployment extends AutoCloseable {

    /** Phase names of the default {@link #coldInvoke}. */
    String START = "start";
    String INVOKE = "invoke";
    String CLOSE = "close";

    /**
     * Phase names of a WASI command's cold request, the same on every runtime: {@code context} (WASI options, stdout
     * capture, store or context set up), {@code instantiate} (the module instantiated and linked, nothing of
     * {@code _start} run), {@code run} ({@code _start} to its exit, stdout read and parsed), then {@link #CLOSE}.
     */
    String CONTEXT = "context";
    String INSTANTIATE = "instantiate";
    String RUN = "run";

    /** Starts a fresh, independent instance: the cold start. */
    FunctionInstance start();

    /**
     * One cold request: start a fresh instance, invoke it once, close it. Runtimes whose cold shape is
     * different (a container or process that runs once and exits) override this. Records its phases
     * into {@code phases}, which must add up to the whole.
     */
    default long coldInvoke(CatalogFunction function, long n, Phases phases) {
        phases.begin();
        FunctionInstance instance = start();
        try {
            phases.mark(START);
            long result = instance.invoke(function, n);
            phases.mark(INVOKE);
            return result;
        } finally {
            instance.close();
            phases.mark(CLOSE);
        }
    }

    /**
     * One cold request of a user function ({@link Abi#COMMAND}): a fresh run of the command with n as {@code argv[1]},
     * recording this runtime's phases; returns its answer line ({@link CommandAnswer}). Only deployments of a
     * {@link Abi#COMMAND} artifact answer text.
     */
    default String coldInvokeText(long n, Phases phases) {
        throw CommandAnswer.notACommandDeployment(this);
    }

    @Override
    void close();
}
