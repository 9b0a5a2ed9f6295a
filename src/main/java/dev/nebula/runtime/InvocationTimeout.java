package dev.nebula.runtime;

import dev.nebula.NebulaException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one time limit of every invocation, on every runtime: {@code -Dnebula.timeout=30s} (or {@code 200ms},
 * {@code 2m}); 60 s by default, long enough for the largest valid input of every function on the slowest runtime
 * that can finish it, short enough that a runaway call ends. A call that runs longer is stopped and reported as an
 * {@link dev.nebula.InvocationTimeoutException}.
 */
public final class InvocationTimeout {
    public static final String PROPERTY = "nebula.timeout";
    public static final Duration DEFAULT = Duration.ofSeconds(60);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private InvocationTimeout() {}

    /** The limit the user set with {@value #PROPERTY}, or {@link #DEFAULT}; a malformed value is an error naming the format. */
    public static Duration configured() {
        String value = System.getProperty(PROPERTY);
        return value == null ? DEFAULT : parse(value);
    }

    static Duration parse(String value) {
        Matcher matcher = FORMAT.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new NebulaException("-D" + PROPERTY + "=" + value + " is not a time limit; write a positive whole number"
                    + " with its unit ms, s or m, e.g. -D" + PROPERTY + "=500ms, 30s or 2m (default " + DEFAULT.toSeconds() + "s)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
