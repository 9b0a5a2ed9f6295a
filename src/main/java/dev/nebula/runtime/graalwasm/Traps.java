package dev.nebula.runtime.graalwasm;

import dev.nebula.TrapException;
import org.graalvm.polyglot.PolyglotException;

/** Turns what GraalWasm throws when wasm stops abnormally into Nebula's typed errors. */
final class Traps {
    private Traps() {}

    /**
     * A wasm trap ({@code unreachable}, "call stack exhausted" in deep recursion, out-of-bounds access...) is a guest
     * exception; it becomes a {@link TrapException}. Anything else is a bug in GraalWasm or here, so it propagates.
     */
    static RuntimeException translate(PolyglotException e, String what) {
        return translate(e, what, "");
    }

    /** As {@link #translate(PolyglotException, String)}, with {@code detail} (e.g. the guest's stderr) appended to the message. */
    static RuntimeException translate(PolyglotException e, String what, String detail) {
        if (e.isGuestException() || e.isResourceExhausted()) {
            return new TrapException("wasm trap in " + what + " on GraalWasm: " + e.getMessage() + detail, e);
        }
        return e;
    }
}
