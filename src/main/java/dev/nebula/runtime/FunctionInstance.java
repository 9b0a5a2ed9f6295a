package dev.nebula.runtime;

import dev.nebula.function.CatalogFunction;

/** A started instance of a deployed module. Independent of every other instance. */
public interface FunctionInstance extends AutoCloseable {

    /**
     * The warm call: runs the function on n and returns its 64 result bits (see {@link dev.nebula.function.ResultKind}).
     * Rejects n outside the function's range with {@link dev.nebula.InvalidInputException}; a trap in the function is a
     * {@link dev.nebula.TrapException}, after which the runtime stays usable.
     */
    long invoke(CatalogFunction function, long n);

    /**
     * The warm call of a user function ({@link Abi#COMMAND}): runs the command with n as {@code argv[1]} and returns
     * its answer line ({@link CommandAnswer}). Only instances of a {@link Abi#COMMAND} deployment answer text.
     */
    default String invokeText(long n) {
        throw CommandAnswer.notACommandDeployment(this);
    }

    @Override
    void close();
}
