package dev.nebula.serve;

import dev.nebula.InvalidInputException;
import java.util.regex.Pattern;

/** The name of an uploaded function: {@code [a-z0-9-]{1,64}}, so it is a URL segment and a file name, never a path. */
record FunctionName(String value) {
    static final String RULE = "[a-z0-9-]{1,64}";
    private static final Pattern VALID = Pattern.compile(RULE);

    FunctionName {
        if (!VALID.matcher(value).matches()) {
            String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
            throw new InvalidInputException("a function name is " + RULE + " (lower-case letters, digits and '-'); got '" + shown + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
