package dev.nebula.serve;

import dev.nebula.ContractException;
import dev.nebula.InvalidInputException;
import dev.nebula.InvocationTimeoutException;
import dev.nebula.ModuleException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.TrapException;
import dev.nebula.UnknownIdException;

/** How a failed request is answered: its HTTP status, a short kind for programs, and the message for people. */
record Failure(int status, String kind, String message) {

    static Failure of(Throwable e) {
        // Only the drain's deadline interrupts a request (a runtime may wrap it): an expected end, no stack trace.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return new Failure(503, "shutting-down", "the server is shutting down and stopped this request");
            }
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return switch (e) {
            case UnknownIdException u -> new Failure(400, "bad-input", message);
            case InvalidInputException i -> new Failure(400, "bad-input", message);
            case TrapException t -> new Failure(422, "trap", message);
            // An upload that ran but broke the contract (not one line on stdout): the function's failure, as a trap is.
            case ContractException c -> new Failure(422, "contract", message);
            case InvocationTimeoutException t -> new Failure(504, "timeout", message);
            case Refusal.TimedOut t -> new Failure(504, "timeout", message);
            case Refusal.Overloaded o -> new Failure(503, "overloaded", message);
            case Refusal.ShuttingDown s -> new Failure(503, "shutting-down", message);
            case RuntimeUnavailableException u -> new Failure(503, "unavailable", message);
            // The runtime's artifact is missing here (e.g. the native binary not built): it cannot run here.
            case ModuleException m -> new Failure(503, "unavailable", message);
            default -> new Failure(500, "internal", e.getClass().getSimpleName() + ": " + message);
        };
    }
}
