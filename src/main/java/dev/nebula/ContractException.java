package dev.nebula;

/**
 * A user function that breaks the contract (a WASI preview 1 command, or a static Linux binary, taking n as
 * {@code argv[1]} and printing one line): the message is one line saying what is wrong and what is valid, and
 * {@link #violation()} says which rule, for callers that map it (serve answers 422).
 */
public final class ContractException extends NebulaException {
    /** Which rule of the contract was broken. */
    public enum Violation {
        /** The bytes are not a WebAssembly module at all. */
        NOT_WASM,
        /** A module with no {@code _start} export: a library or reactor, not a command. */
        NOT_A_COMMAND,
        /** A module that imports from anything but {@code wasi_snapshot_preview1}. */
        FOREIGN_IMPORTS,
        /** A binary that is not a static Linux ELF executable. */
        NOT_A_STATIC_BINARY,
        /** A run that exited 0 but did not print exactly one line. */
        NOT_ONE_LINE
    }

    private final Violation violation;

    public ContractException(Violation violation, String message) {
        super(message);
        this.violation = violation;
    }

    public ContractException(Violation violation, String message, Throwable cause) {
        super(message, cause);
        this.violation = violation;
    }

    public Violation violation() {
        return violation;
    }
}
