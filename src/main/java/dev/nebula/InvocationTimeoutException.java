package dev.nebula;

import java.time.Duration;

/** A function that ran longer than its time limit and was killed. */
public final class InvocationTimeoutException extends NebulaException {
    public InvocationTimeoutException(String what, Duration limit) {
        super(what + " did not finish within " + limit.toMillis() + " ms and was killed");
    }
}
