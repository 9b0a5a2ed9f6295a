package dev.nebula.runtime;

import dev.nebula.UnknownIdException;
import java.util.Arrays;
import java.util.Locale;

/** How a host hands a request to the function. */
public enum Abi {
    /** Call the function's export of {@code nebula.wasm} (or, in plain Java, the method) with n; get the result back. */
    HANDLER("handler", "nebula.wasm"),
    /** Run {@code nebula-wasi.wasm} as a WASI command with {@code <fn> <n>} as arguments; read stdout. The thesis's model. */
    WASI("wasi", "nebula-wasi.wasm"),
    /** Run the static native binary with {@code <fn> <n>} (one shot) or in {@code serve} mode (warm). */
    CLI("cli", "nebula"),
    /**
     * A user function: a WASI command module (wasm32-wasi preview 1) or a static Linux binary that takes n as
     * {@code argv[1]} and answers one line of text on stdout; a non-zero exit or a trap is a failure. Nothing is
     * bundled for it: its bytes come from the user ({@link UserFunction}).
     */
    COMMAND("command", "a user function");

    private final String id;
    private final String artifactName;

    Abi(String id, String artifactName) {
        this.id = id;
        this.artifactName = artifactName;
    }

    public String id() {
        return id;
    }

    /** The file name of the artifact this ABI runs. */
    public String artifactName() {
        return artifactName;
    }

    public static Abi byId(String id) {
        for (Abi abi : values()) {
            if (abi.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
                return abi;
            }
        }
        throw new UnknownIdException("abi", id, Arrays.stream(values()).map(Abi::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
