package dev.nebula;

import java.time.Duration;

/** A function that ran longer than its time limit ({@code -Dnebula.timeout}) and was stopped: not a trap. */
public final class InvocationTimeoutException extends NebulaException {
    public InvocationTimeoutException(String what, Duration limit) {
        super(what + " timed out after " + limit.toMillis() + " ms and was stopped (the limit is set with -Dnebula.timeout=<n>ms|s|m)");
    }
}
