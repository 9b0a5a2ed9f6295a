package dev.nebula;

/** Every error Nebula raises on purpose; its message says what went wrong and what is valid. */
public class NebulaException extends RuntimeException {
    public NebulaException(String message) {
        super(message);
    }

    public NebulaException(String message, Throwable cause) {
        super(message, cause);
    }
}
