package dev.nebula.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Warms a host until the JVM has settled: calls it (a warm instance, or the whole cold-start path) in windows until,
 * for two windows running, the rest of the JVM (compiler threads of C1/C2, Truffle's background compilers, GC) used
 * under a tenth of a core and the call rate held within 10%.
 *
 * <p>Why not only JMH warm-up iterations: their count is one number for every runtime, and the runtimes settle
 * at very different speeds. Measured on the 2-core machine: Chicory's compiled code and plain Java are steady
 * within a second; GraalWasm (its Graal compiler itself JIT-compiled on a stock JDK) needs several seconds and
 * plateaus in between, so a plateau of the rate alone is no sign of the end. JIT work is: it runs on other
 * threads, and their CPU time is visible. Whatever warm-up JMH then does comes on top, and the time spent here
 * is reported as the {@code warmup.settle} metric.
 */
final class WarmUp {
    static final Duration WINDOW = Duration.ofMillis(400);
    static final Duration MINIMUM = Duration.ofSeconds(1);
    /** The longest warm-up; the system property {@value #CAP_PROPERTY} (seconds) changes it: the quick run sets 0. */
    static final String CAP_PROPERTY = "nebula.warmup.cap";
    static final Duration CAP = Duration.ofSeconds(Long.getLong(CAP_PROPERTY, 30));
    private static final double QUIET_BACKGROUND_CORES = 0.1;
    private static final double STEADY_RATE = 0.1;
    private static final int QUIET_WINDOWS = 2;

    /** How long warming took, how many calls it made, whether it settled before the cap, and the last answer (to check it). */
    record Outcome(double seconds, long calls, boolean settled, long lastAnswer) {}

    private WarmUp() {}

    static Outcome untilSettled(LongSupplier call) {
        return untilSettled(call, 1);
    }

    /**
     * As {@link #untilSettled(LongSupplier)}, with at least {@code minCallsPerWindow} calls in every window: a rate
     * taken over one or two slow calls (a container's cold start takes a third of a second) is noise, not a trend.
     */
    static Outcome untilSettled(LongSupplier call, int minCallsPerWindow) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        double previousRate = Double.NaN;
        int quietWindows = 0;
        long answer = 0;
        long totalCalls = 0;
        while (true) {
            long windowStart = System.nanoTime();
            long processCpu = os.getProcessCpuTime();
            long ownCpu = threads.getCurrentThreadCpuTime();
            long calls = 0;
            do {
                answer = call.getAsLong();
                calls++;
            } while (System.nanoTime() - windowStart < WINDOW.toNanos() || calls < minCallsPerWindow);
            totalCalls += calls;
            long now = System.nanoTime();
            double window = now - windowStart;
            double backgroundCores = ((os.getProcessCpuTime() - processCpu) - (threads.getCurrentThreadCpuTime() - ownCpu)) / window;
            double rate = calls / window;
            boolean steady = Math.abs(rate - previousRate) <= STEADY_RATE * previousRate;
            quietWindows = steady && backgroundCores < QUIET_BACKGROUND_CORES ? quietWindows + 1 : 0;
            previousRate = rate;
            double seconds = (now - start) / 1e9;
            if (quietWindows >= QUIET_WINDOWS && now - start >= MINIMUM.toNanos()) {
                return new Outcome(seconds, totalCalls, true, answer);
            }
            if (now - start >= CAP.toNanos()) {
                return new Outcome(seconds, totalCalls, false, answer);
            }
        }
    }

    /** Says on the console, for the run's log, that a host was measured before it settled. */
    static void reportCapped(Outcome outcome, Object host) {
        if (!outcome.settled() && !CAP.isZero()) {
            System.out.println("nebula: " + host + " was still compiling after " + CAP.toSeconds()
                    + " s of warm-up; measuring anyway (warmup.capped = 1 in the results)");
        }
    }
}
