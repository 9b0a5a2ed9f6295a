package dev.nebula.runtime.cli;

import dev.nebula.InvocationTimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Stops calls that run past their time limit, for every runtime: a process or container is killed, an in-JVM call
 * is interrupted. Arming and disarming a {@link Guard} are plain stores of a call number (release stores, no fence,
 * no clock read), so a warm call of about a microsecond pays a few nanoseconds for it. One daemon thread looks at
 * the armed guards every {@value #CHECK_EVERY_MILLIS} ms and stops a call it has seen running for longer than the
 * limit, so a limit is kept to within that period.
 */
public final class Watchdog {
    private static final long CHECK_EVERY_MILLIS = 10;
    /** How long {@link Guard#timeout()} waits for a kill (e.g. a container's removal) to finish. */
    private static final long KILL_WAIT_SECONDS = 60;
    private static final Set<Guard> GUARDS = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    private static Thread thread;

    private Watchdog() {}

    /** A guard that runs {@code kill} (which must end the call, e.g. kill its process) when a call overruns {@code limit}. */
    public static Guard guard(String what, Duration limit, Runnable kill) {
        return register(new Guard(what, limit, caller -> kill.run(), false));
    }

    /**
     * A guard that interrupts the calling thread when a call overruns {@code limit}: for in-JVM code that checks
     * {@link Thread#isInterrupted()} as it runs (Chicory's interpreter and compiled code do, at calls and loop
     * back-edges). After the call, {@link Guard#takeTimeout()} tells a timeout from any other interrupt.
     */
    public static Guard interrupting(String what, Duration limit) {
        return register(new Guard(what, limit, Thread::interrupt, true));
    }

    /** How many guards are registered: each is scanned every check, so a count that stays up after its calls is a leak. */
    public static int registeredGuards() {
        return GUARDS.size();
    }

    private static Guard register(Guard guard) {
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
        private static final VarHandle RUNNING_CALL;

        static {
            try {
                RUNNING_CALL = MethodHandles.lookup().findVarHandle(Guard.class, "runningCall", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final String what;
        private final Duration limit;
        private final Consumer<Thread> kill;
        private final boolean interruptsCaller;
        private final CountDownLatch killed = new CountDownLatch(1);
        /** The owner's count of its calls; only the calling thread writes it. */
        private long calls;
        /** The thread of the running call; published by the release store of {@link #runningCall}. */
        private Thread caller;
        /** The number of the running call, 0 when idle. */
        @SuppressWarnings("unused") // through RUNNING_CALL
        private volatile long runningCall;
        /** The call the watchdog stopped and nobody has taken the timeout of yet; 0 if none. */
        private volatile long stoppedCall;
        private volatile boolean fired;
        /** The watchdog thread's own view: which call it saw running, and since when. */
        private long seenCall;
        private long seenSince;

        private Guard(String what, Duration limit, Consumer<Thread> kill, boolean interruptsCaller) {
            this.what = what;
            this.limit = limit;
            this.kill = kill;
            this.interruptsCaller = interruptsCaller;
        }

        public void arm() {
            if (stoppedCall != 0) {
                // The last call ended on its own just as the watchdog stopped it: drop the stale interrupt.
                takeTimeout();
            }
            caller = Thread.currentThread();
            RUNNING_CALL.setRelease(this, ++calls);
        }

        public void disarm() {
            RUNNING_CALL.setRelease(this, 0L);
        }

        /** Whether the call the watchdog is stopping is still running. */
        public boolean stopping() {
            long call = (long) RUNNING_CALL.getAcquire(this);
            return call != 0 && call == stoppedCall;
        }

        /** Whether the guard ever stopped a call. */
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

        /**
         * After an interrupted call: disarms, and returns the timeout if this guard stopped the call (clearing the
         * thread's interrupt, so the runtime stays usable), or null when the interrupt came from elsewhere. A call
         * that ends on its own just as the watchdog fires may leave its interrupt to the next call, which then
         * reports the timeout: that only ever follows a call that did run past the limit.
         */
        public InvocationTimeoutException takeTimeout() {
            disarm();
            if (stoppedCall == 0) {
                return null;
            }
            stoppedCall = 0;
            if (interruptsCaller) {
                Thread.interrupted();
            }
            return new InvocationTimeoutException(what, limit);
        }

        private void check(long now) {
            long call = (long) RUNNING_CALL.getAcquire(this);
            if (call == 0 || call == stoppedCall) {
                return;
            }
            if (call != seenCall) {
                seenCall = call;
                seenSince = now;
                return;
            }
            if (now - seenSince < limit.toNanos()) {
                return;
            }
            stoppedCall = call;
            fired = true;
            try {
                kill.accept(caller);
            } catch (RuntimeException e) {
                System.err.println("nebula-watchdog: could not stop " + what + ": " + e);
            } finally {
                killed.countDown();
            }
        }

        @Override
        public void close() {
            disarm();
            GUARDS.remove(this);
        }
    }
}
