package dev.nebula;

import java.util.Collection;

/** A runtime, function, ABI or size named by an id that does not exist; the message lists the valid ids. */
public final class UnknownIdException extends NebulaException {
    public UnknownIdException(String kind, String given, Collection<String> valid) {
        super("unknown " + kind + " '" + given + "'; valid: " + String.join(", ", valid));
    }
}
