package dev.nebula.runtime.cli;

import dev.nebula.InvocationTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Kills calls that run past their time limit. Arming and disarming a {@link Guard} is two volatile writes, so a
 * warm call pays nearly nothing for it; one daemon thread checks the armed guards every few milliseconds.
 */
public final class Watchdog {
    private static final long CHECK_EVERY_MILLIS = 10;
    /** How long {@link Guard#timeout()} waits for a kill (e.g. a container's removal) to finish. */
    private static final long KILL_WAIT_SECONDS = 60;
    private static final Set<Guard> GUARDS = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    private static Thread thread;

    private Watchdog() {}

    /** A guard that runs {@code kill} when it stays armed longer than {@code limit}. Close it when done. */
    public static Guard guard(String what, Duration limit, Runnable kill) {
        Guard guard = new Guard(what, limit, kill);
        GUARDS.add(guard);
        synchronized (LOCK) {
            if (thread == null) {
                thread = Thread.ofPlatform().daemon().name("nebula-watchdog").start(Watchdog::watch);
            }
            LOCK.notifyAll();
        }
        return guard;
    }

    private static void watch() {
        while (true) {
            try {
                synchronized (LOCK) {
                    // Sleeps for good while nothing is guarded: no wake-ups between benchmarks.
                    while (GUARDS.isEmpty()) {
                        LOCK.wait();
                    }
                }
                Thread.sleep(CHECK_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Guard guard : GUARDS) {
                guard.check(now);
            }
        }
    }

    /** Watches one resource's calls: {@link #arm()} before, {@link #disarm()} after, {@link #close()} at the end. */
    public static final class Guard implements AutoCloseable {
        private final String what;
        private final Duration limit;
        private final Runnable kill;
        private final CountDownLatch killed = new CountDownLatch(1);
        private volatile long deadline;
        private volatile boolean fired;

        private Guard(String what, Duration limit, Runnable kill) {
            this.what = what;
            this.limit = limit;
            this.kill = kill;
        }

        public void arm() {
            deadline = System.nanoTime() + limit.toNanos();
        }

        public void disarm() {
            deadline = 0;
        }

        /** Whether the guard killed its resource. */
        public boolean fired() {
            return fired;
        }

        /** The exception to throw after the guard fired; returns once the kill has finished, so its effects are visible. */
        public InvocationTimeoutException timeout() {
            try {
                killed.await(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InvocationTimeoutException(what, limit);
        }

        private void check(long now) {
            long due = deadline;
            if (due != 0 && now - due > 0) {
                deadline = 0;
                fired = true;
                try {
                    kill.run();
                } catch (RuntimeException e) {
                    System.err.println("nebula-watchdog: could not kill " + what + ": " + e);
                } finally {
                    killed.countDown();
                }
            }
        }

        @Override
        public void close() {
            deadline = 0;
            GUARDS.remove(this);
        }
    }
}
