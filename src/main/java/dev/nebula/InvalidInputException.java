package dev.nebula;

/** An input n that a function does not accept: out of its range, or not a number at all. */
public final class InvalidInputException extends NebulaException {
    public InvalidInputException(String message) {
        super(message);
    }
}
