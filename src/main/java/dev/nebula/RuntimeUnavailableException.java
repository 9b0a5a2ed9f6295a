package dev.nebula;

/** A runtime that cannot run here, or would run in a slower mode than it claims; the message says how to fix it. */
public final class RuntimeUnavailableException extends NebulaException {
    public RuntimeUnavailableException(String message) {
        super(message);
    }

    public RuntimeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
