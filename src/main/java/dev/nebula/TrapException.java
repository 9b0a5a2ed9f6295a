package dev.nebula;

/** The function stopped abnormally inside its runtime: a wasm trap, a crashed process, a non-zero exit. */
public final class TrapException extends NebulaException {
    public TrapException(String message, Throwable cause) {
        super(message, cause);
    }

    public TrapException(String message) {
        super(message);
    }
}
