package dev.nebula.serve;

import java.time.Duration;

/** The server's own refusals to go on with a request: too many already, shutting down, or too slow. */
abstract sealed class Refusal extends RuntimeException {
    Refusal(String message) {
        super(message, null, false, false);
    }

    /** Every slot busy and the wait for one over (or the queue full): 503, try again later. */
    static final class Overloaded extends Refusal {
        Overloaded(String runtimeId, ServeOptions options) {
            super("runtime " + runtimeId + " is at its limit: " + options.maxConcurrent() + " requests running and up to "
                    + options.maxWaiting() + " waiting at most " + options.queueWait().toMillis() + " ms; try again later");
        }
    }

    /** The server is draining for shutdown: 503. */
    static final class ShuttingDown extends Refusal {
        ShuttingDown() {
            super("the server is shutting down");
        }
    }

    /**
     * The request ran longer than the server's per-request timeout: 504. An invocation inside the JVM cannot be
     * stopped, so it runs on and keeps its slot until it ends; its instance is not reused.
     */
    static final class TimedOut extends Refusal {
        TimedOut(String what, Duration limit) {
            super(what + " did not finish within the request timeout of " + limit.toMillis() + " ms");
        }
    }
}
