package dev.nebula.bench;

import dev.nebula.InvalidInputException;
import dev.nebula.NebulaException;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.Runtimes;
import dev.nebula.runtime.UserFunction;
import dev.nebula.runtime.chicory.ChicoryRuntime;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One benchmark case of a user function, read from the JMH parameters {@code runtime}, {@code module}, {@code binary},
 * {@code n} and {@code expect}: the user-function twin of {@link Case}. Its reference answer is the module's on
 * {@value #REFERENCE_RUNTIME} (pure Java, so it runs wherever the suite does): every runtime must agree with it, so all
 * agree with each other, and with {@code expect} when given.
 */
public record CommandCase(FunctionHost runtime, UserFunction function, long n, Optional<String> expect) {
    /** The runtime whose answer every other must match. */
    public static final String REFERENCE_RUNTIME = ChicoryRuntime.INTERPRETER_ID;

    /** Parses and checks the parameters; a bad one, or a function that breaks the contract, is a one-line error. */
    public static CommandCase of(String runtimeId, String module, String binary, String n, String expect) {
        return new CommandCase(Runtimes.byId(runtimeId), function(module, binary), input(n),
                expect.isEmpty() ? Optional.empty() : Optional.of(expect));
    }

    /** The user function in the files {@code -p module} and {@code -p binary} name. */
    public static UserFunction function(String module, String binary) {
        if (module.isBlank()) {
            throw new NebulaException("a user-function benchmark needs its module: -p module=PATH (a WASI command, see the README)");
        }
        return UserFunction.fromFiles(Path.of(module.strip()),
                binary.isBlank() ? Optional.empty() : Optional.of(Path.of(binary.strip())));
    }

    /** A user function's n: a plain whole number, as its contract passes it on as argv[1]; no size labels. */
    public static long input(String n) {
        try {
            return Long.parseLong(n.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("n='" + n + "' is not valid for a user function; give a whole number with -p n=...,"
                    + " e.g. -p n=27 (the sizes S, M, L are the catalog's)");
        }
    }

    /** Deploys the function in the form this runtime runs; a runtime that cannot says why in one line. */
    public Deployment deploy() {
        runtime.requireAvailable();
        return function.deployOn(runtime);
    }

    /**
     * The answer every measured call must give: the reference runtime's, checked against {@code expect}. Asked once,
     * in setup, before anything is timed.
     */
    public String reference() {
        FunctionHost reference = Runtimes.byId(REFERENCE_RUNTIME);
        String answer;
        try (Deployment deployment = function.deployOn(reference)) {
            answer = deployment.coldInvokeText(n, Phases.IGNORED);
        }
        expect.ifPresent(expected -> {
            if (!expected.equals(answer)) {
                throw new NebulaException(function.name() + "(" + n + "): " + REFERENCE_RUNTIME + " answers '" + answer
                        + "' but -p expect='" + expected + "'; refusing to time a wrong answer");
            }
        });
        return answer;
    }

    /** Fails, naming both runtimes and answers, unless {@code answer} is {@code reference}'s. */
    public void verify(String answer, String reference, String how) {
        if (!answer.equals(reference)) {
            throw new NebulaException(function.name() + "(" + n + "): the runtimes disagree: " + runtime.id() + " answers '" + answer
                    + "' (" + how + ") but " + REFERENCE_RUNTIME + " answers '" + reference + "'; refusing to time a wrong answer");
        }
    }

    @Override
    public String toString() {
        return runtime.id() + " " + function.name() + "(" + n + ")";
    }
}
