package dev.nebula.serve;

import dev.nebula.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A query string and path segments, decoded; an unknown, repeated or undecodable part is bad input. */
final class QueryParameters {
    /** The only parameters an invoke takes. */
    static final List<String> NAMES = List.of("n", "start");

    private QueryParameters() {}

    /** An invoke's parameters by name, in order; null or empty is none. */
    static Map<String, String> parse(String raw) {
        return parse(raw, NAMES);
    }

    /** The raw query's parameters by name, in order, each one of {@code names}; null or empty is none. */
    static Map<String, String> parse(String raw, List<String> names) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!names.contains(name)) {
                throw new InvalidInputException("unknown parameter '" + Echo.of(name) + "'; valid: " + String.join(", ", names));
            }
            if (values.put(name, value) != null) {
                throw new InvalidInputException("parameter '" + name + "' given twice");
            }
        }
        return values;
    }

    /** A runtime or function id from the path in its one spelling: decoded, trimmed, lower case (as the suite reads it). */
    static String id(String rawSegment) {
        return decode(rawSegment).strip().toLowerCase(Locale.ROOT);
    }

    /** An uploaded function's n: a whole number, 0 or more (the function itself says which it accepts). */
    static long uploadInput(String name, String text) {
        try {
            long n = Long.parseLong(text.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException("n for " + name + " must be a whole number 0 ≤ n ≤ " + Long.MAX_VALUE + "; got '" + Echo.of(text) + "'");
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cannot decode '" + Echo.of(text) + "': " + e.getMessage());
        }
    }
}
