package dev.nebula.runtime;

/** Which file of a user function ({@link Abi#COMMAND}) a runtime runs. */
public enum CommandForm {
    /** The WASI command module: the wasm runtimes, which sandbox it. */
    WASM_MODULE("module"),
    /** The static Linux binary: the process and container runtimes, which run it natively. */
    NATIVE_BINARY("binary");

    private final String label;

    CommandForm(String label) {
        this.label = label;
    }

    /** The word users see: the JMH parameter that gives this form's file. */
    public String label() {
        return label;
    }
}
