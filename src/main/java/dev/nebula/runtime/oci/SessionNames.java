package dev.nebula.runtime.oci;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names Nebula gives what it makes outside the JVM with a container tool (containers, tasks, snapshots, cgroups,
 * bundles): {@code nebula-<pid>-<session>-<n>}, the JVM's pid and a random session, so that the next JVM can tell
 * what a killed one left (its pid is gone) from what a live one is using, with no state kept anywhere.
 */
public final class SessionNames {
    /** What every name starts with. */
    public static final String PREFIX = "nebula-";
    /** This JVM's session: its pid and a random part, in case the pid is ever reused. */
    public static final String SESSION = PREFIX + ProcessHandle.current().pid() + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";

    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-[0-9a-f]{8}-\\d+");
    private static final AtomicLong NEXT = new AtomicLong();

    private SessionNames() {}

    /** A name no other request of any JVM uses. */
    public static String next() {
        return SESSION + NEXT.incrementAndGet();
    }

    /** Whether {@code name} is this JVM's. */
    public static boolean mine(String name) {
        return name.startsWith(SESSION);
    }

    /**
     * Whether {@code name} was made by a Nebula JVM that no longer runs: what a sweep may remove. Names of other
     * shapes (not Nebula's) and those of live JVMs are never left over.
     */
    public static boolean leftOver(String name) {
        return owner(name).map(SessionNames::gone).orElse(false);
    }

    /** Whether the process {@code pid} (a JVM that made names) no longer runs. */
    public static boolean gone(long pid) {
        return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The pid of the JVM that made {@code name}, if it is a Nebula name. */
    public static Optional<Long> owner(String name) {
        Matcher matcher = OWNED.matcher(name);
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }
}
