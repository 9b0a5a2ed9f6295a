package dev.nebula.runtime.graalwasm;

import dev.nebula.runtime.cli.Watchdog;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;

/**
 * The time limit of the calls in one context: when a call overruns it, the shared {@link Watchdog} has the context
 * interrupted. Truffle polls for the interrupt at safepoints in the guest's loops and calls, compiled or not, and
 * the context stays usable; one that does not stop within {@link #INTERRUPT_WAIT} is cancelled (closed) instead, and
 * its instance is spent.
 *
 * <p>Two things about {@code Context.interrupt} make this more than a call to it. It blocks until the guest has left
 * the context, so it runs on a thread of its own: the watchdog thread is shared by every guard, and blocked there it
 * watched nothing else. And it counts as done only once it has seen the guest leave, so the caller of a stopped
 * call waits for that before it returns: entering the context again at once kept the interrupt pending for its
 * whole wait, during which a second interrupt did not take, and in CI a second runaway call on the same instance
 * ran to its end unstopped.
 */
final class ContextGuard implements AutoCloseable {
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(5);

    private final Context context;
    private final Watchdog.Guard guard;
    private volatile Thread interrupter;

    ContextGuard(String what, Duration limit, Context context) {
        this.context = context;
        this.guard = Watchdog.guard(what, limit, this::interrupt);
    }

    void arm() {
        guard.arm();
    }

    void disarm() {
        guard.disarm();
    }

    /** Whether {@code e} ended a call this guard stopped; then a timeout (once the interrupt is over), else a trap. */
    RuntimeException stoppedOrTrap(PolyglotException e, String what, String detail) {
        if (e.isInterrupted() || e.isCancelled()) {
            RuntimeException timeout = guard.takeTimeout();
            if (timeout != null) {
                awaitInterrupt();
                return timeout;
            }
        }
        return Traps.translate(e, what, detail);
    }

    private void interrupt() {
        interrupter = Thread.ofPlatform().daemon().name("nebula-graalwasm-interrupt").start(() -> {
            try {
                context.interrupt(INTERRUPT_WAIT);
            } catch (TimeoutException e) {
                // interrupt() can return late, after the call ended: cancel only a call that is still running.
                if (guard.stopping()) {
                    context.close(true);
                }
            } catch (IllegalStateException e) {
                // the context was closed meanwhile: nothing left to stop
            }
        });
    }

    private void awaitInterrupt() {
        Thread thread = interrupter;
        if (thread == null) {
            return;
        }
        try {
            thread.join(INTERRUPT_WAIT.plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        guard.close();
    }
}
