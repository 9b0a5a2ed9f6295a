package dev.nebula;

/** A module (wasm file or native binary) that is missing, unreadable or corrupt. */
public final class ModuleException extends NebulaException {
    public ModuleException(String message) {
        super(message);
    }

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
