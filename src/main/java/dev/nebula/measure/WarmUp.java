package dev.nebula.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Warms a host until the JVM has settled: calls it (a warm instance, or the whole cold-start path) in windows until,
 * for two windows running, the JIT was quiet and the call rate stopped rising: no window more than 10% faster than
 * the fastest before it. The JIT is quiet when HotSpot's C1/C2 spent under 5% of the window compiling
 * ({@link CompilationMXBean}) and the JVM's other Java threads (Truffle's background compilers among them) used under
 * a tenth of a core.
 *
 * <p>Why "not rising" rather than "within 10% either way": warming only makes a host faster, while a call that waits
 * on another process (a container's round trip over pipes) swings by ~20% from window to window on an idle 2-core
 * machine, with the JIT and every other thread quiet. Held to within 10% either way, such a host settled by chance,
 * and some forks reached the cap (docs/profiles/runc-steady-state-settle.md).
 *
 * <p>GC threads are left out on purpose: a cold start allocates a megabyte or more (Chicory's linear memory is on the
 * heap), so collecting is part of every request's steady cost, not a sign of warming up. Counting it, a host that
 * allocates fast never looked settled.
 *
 * <p>Why not only JMH warm-up iterations: their count is one number for every runtime, and the runtimes settle
 * at very different speeds. Measured on the 2-core machine: Chicory's compiled code and plain Java are steady
 * within a second; GraalWasm (its Graal compiler itself JIT-compiled on a stock JDK) needs several seconds and
 * plateaus in between, so a plateau of the rate alone is no sign of the end. JIT work is: it runs on other
 * threads, and their CPU time is visible. Whatever warm-up JMH then does comes on top, and the time spent here
 * is reported as the {@code warmup.settle} metric.
 */
public final class WarmUp {
    static final Duration WINDOW = Duration.ofMillis(400);
    static final Duration MINIMUM = Duration.ofSeconds(1);
    /** The longest warm-up; the system property {@value #CAP_PROPERTY} (seconds) changes it: the quick run sets 0. */
    public static final String CAP_PROPERTY = "nebula.warmup.cap";
    /**
     * The cap when {@value #CAP_PROPERTY} is not given: a runtime whose JIT needs longer to go quiet puts it in its
     * forks' flags (GraalWasm: its Graal compiler, itself compiled by HotSpot, takes 30 to 150 s over the WASI
     * module's 249 functions; docs/profiles/graalwasm-wasi-settle.md). The user's and the quick run's cap still win.
     */
    public static final String CAP_DEFAULT_PROPERTY = "nebula.warmup.capDefault";
    static final Duration CAP = cap(System.getProperties());
    private static final double QUIET_BACKGROUND_CORES = 0.1;
    private static final double QUIET_COMPILATION_SHARE = 0.05;
    private static final double RISING_SHARE = 0.1; // a window this much faster than the fastest before it: still warming
    private static final int QUIET_WINDOWS = 2;

    /** How long warming took, how many calls it made, whether it settled before the cap, and the last answer (to check it). */
    public record Outcome(double seconds, long calls, boolean settled, long lastAnswer) {}

    private WarmUp() {}

    /** The cap these properties give: {@value #CAP_PROPERTY}, else {@value #CAP_DEFAULT_PROPERTY}, else 30 s. */
    static Duration cap(java.util.Properties properties) {
        String given = properties.getProperty(CAP_PROPERTY, properties.getProperty(CAP_DEFAULT_PROPERTY, "30"));
        return Duration.ofSeconds(Long.parseLong(given.strip()));
    }

    public static Outcome untilSettled(LongSupplier call) {
        return untilSettled(call, 1);
    }

    /**
     * As {@link #untilSettled(LongSupplier)}, with at least {@code minCallsPerWindow} calls in every window: a rate
     * taken over one or two slow calls (a container's cold start takes a third of a second) is noise, not a trend.
     */
    public static Outcome untilSettled(LongSupplier call, int minCallsPerWindow) {
        return untilSettled(call, minCallsPerWindow, CAP);
    }

    /** As {@link #untilSettled(LongSupplier, int)}, giving up after {@code cap}. */
    static Outcome untilSettled(LongSupplier call, int minCallsPerWindow, Duration cap) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        double fastestRate = Double.NaN;
        int quietWindows = 0;
        long answer = 0;
        long totalCalls = 0;
        while (true) {
            long windowStart = System.nanoTime();
            long compilingMillis = jit.getTotalCompilationTime();
            long otherThreadsCpu = otherThreadsCpuNanos(threads);
            long calls = 0;
            do {
                answer = call.getAsLong();
                calls++;
            } while (System.nanoTime() - windowStart < WINDOW.toNanos() || calls < minCallsPerWindow);
            totalCalls += calls;
            long now = System.nanoTime();
            double window = now - windowStart;
            double compilingShare = (jit.getTotalCompilationTime() - compilingMillis) * 1e6 / window;
            double backgroundCores = (otherThreadsCpuNanos(threads) - otherThreadsCpu) / window;
            boolean jitQuiet = compilingShare < QUIET_COMPILATION_SHARE && backgroundCores < QUIET_BACKGROUND_CORES;
            double rate = calls / window;
            boolean stoppedRising = rate <= (1 + RISING_SHARE) * fastestRate; // false in the first window: NaN
            quietWindows = stoppedRising && jitQuiet ? quietWindows + 1 : 0;
            fastestRate = Double.isNaN(fastestRate) ? rate : Math.max(fastestRate, rate);
            double seconds = (now - start) / 1e9;
            if (quietWindows >= QUIET_WINDOWS && now - start >= MINIMUM.toNanos()) {
                return new Outcome(seconds, totalCalls, true, answer);
            }
            if (now - start >= cap.toNanos()) {
                return new Outcome(seconds, totalCalls, false, answer);
            }
        }
    }

    /** CPU time of every live Java thread but this one; HotSpot's compiler and GC threads are not among them. */
    private static long otherThreadsCpuNanos(ThreadMXBean threads) {
        long self = Thread.currentThread().threadId();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long cpu = id == self ? -1 : threads.getThreadCpuTime(id);
            sum += Math.max(cpu, 0); // -1: the thread ended meanwhile
        }
        return sum;
    }

    /** Says on the console, for the run's log, that a host was measured before it settled. */
    public static void reportCapped(Outcome outcome, Object host) {
        if (!outcome.settled() && !CAP.isZero()) {
            System.out.println("nebula: " + host + " had not settled (still compiling, busy in the background, or still"
                    + " getting faster) after " + CAP.toSeconds() + " s of warm-up; measuring anyway (warmup.capped = 1 in the results)");
        }
    }
}
