package dev.nebula;

/**
 * What an integration test needs beyond the JDK, as the JUnit tag that marks it. {@code mvn test} (Surefire) runs
 * no test carrying one of these; {@code mvn verify} (Failsafe) runs exactly those. {@link NeedCheck} skips or fails a
 * tagged test whose need this machine lacks.
 */
public final class Need {
    /** A Docker engine that answers ({@code scripts/docker-up.sh}), with the local Debian base image. */
    public static final String DOCKER = "docker";
    /** Root, allowed to mount a tmpfs (small or read-only file systems). */
    public static final String ROOT = "root";
    /** node, Debian's chromium and the pinned playwright-core ({@code scripts/setup.sh}). */
    public static final String BROWSER = "browser";
    /** The native binary built by {@code wasm-modules/build.sh}: the process and docker runtimes run it. */
    public static final String NATIVE = "native";
    /** Starts child JVMs: needs nothing this JDK lacks, so it never skips. */
    public static final String CHILD_JVM = "child-jvm";
    /** Runs JMH, which forks JVMs and takes seconds per benchmark: never skips. */
    public static final String JMH = "jmh";

    private Need() {}
}
