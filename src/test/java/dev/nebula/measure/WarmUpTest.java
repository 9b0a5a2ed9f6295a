package dev.nebula.measure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntToLongFunction;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * When {@link WarmUp} calls a host settled. The hosts here wait (park) rather than compute, as a container's round
 * trip does, and change their call time per 400 ms period of their own clock, about one of WarmUp's windows.
 */
class WarmUpTest {
    private static final long PERIOD_NANOS = WarmUp.WINDOW.toNanos();

    @Test
    void settlesWhenTheRateSwingsButStopsRising() {
        // 1 ms and 4 ms calls in turn: a rate that halves and doubles, window after window, as runc's round trip swings.
        WarmUp.Outcome outcome = WarmUp.untilSettled(byPeriod(period -> period % 2 == 0 ? 1_000_000 : 4_000_000), 1,
                Duration.ofSeconds(10));

        assertTrue(outcome.settled(), () -> "a host whose rate swings but stops rising never settled: " + outcome);
    }

    @Test
    void doesNotSettleWhileTheRateKeepsRising() {
        // Calls twice as fast every period: a host still warming up.
        WarmUp.Outcome outcome = WarmUp.untilSettled(byPeriod(period -> 8_000_000 >> Math.min(period, 20)), 1,
                Duration.ofMillis(2_500));

        assertFalse(outcome.settled(), () -> "a host getting faster every window was called settled: " + outcome);
    }

    @Test
    void doesNotSettleWhileAnotherThreadBurnsCpu() throws InterruptedException {
        AtomicBoolean burning = new AtomicBoolean(true);
        Thread background = Thread.ofPlatform().daemon().name("background-work").start(() -> {
            while (burning.get()) {
                Thread.onSpinWait();
            }
        });
        try {
            WarmUp.Outcome outcome = WarmUp.untilSettled(byPeriod(period -> 1_000_000), 1, Duration.ofMillis(2_500));

            assertFalse(outcome.settled(), () -> "a JVM with a thread busy in the background was called settled: " + outcome);
        } finally {
            burning.set(false);
            background.join();
        }
    }

    /** A host whose every call parks for the time {@code nanosInPeriod} gives for the current period since its first call. */
    private static LongSupplier byPeriod(IntToLongFunction nanosInPeriod) {
        long[] first = {0};
        return () -> {
            long now = System.nanoTime();
            if (first[0] == 0) {
                first[0] = now;
            }
            LockSupport.parkNanos(nanosInPeriod.applyAsLong((int) ((now - first[0]) / PERIOD_NANOS)));
            return 0;
        };
    }
}
