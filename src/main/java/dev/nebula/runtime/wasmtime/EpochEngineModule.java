package dev.nebula.runtime.wasmtime;

import dev.nebula.InvocationTimeoutException;
import dev.nebula.ModuleException;
import dev.nebula.TrapException;
import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Trap;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.WasmtimeException;
import java.time.Duration;

/**
 * A module compiled once on its own Wasmtime {@link Engine}, with epoch interruption on: a daemon thread advances
 * the engine's epoch every tenth of the timeout, and {@link #arm} gives a store a deadline 10 to 12 ticks ahead,
 * so a call that runs too long traps with {@link Trap#INTERRUPT}. A store armed during the current tick still has
 * at least 10 ticks left, so it is armed again only once the epoch has moved: a warm call pays one volatile read,
 * not a native call (which costs about as much as fib at size S). Closing stops the ticker and frees the module and
 * the engine.
 */
final class EpochEngineModule implements AutoCloseable {
    /** Epoch ticks per timeout: a call is interrupted between 1 and 1.1 timeouts after it began. */
    private static final long TICKS_PER_TIMEOUT = 10;
    /** The {@code armedAt} of a store never armed. */
    static final long NEVER_ARMED = -1;

    private final dev.nebula.runtime.FunctionArtifact source;
    private final Duration timeout;
    private final Engine engine;
    private final io.github.kawamuray.wasmtime.Module compiled;
    private final Thread ticker;
    /** Ticks so far; advanced by the ticker right after the engine's epoch, so it is never ahead of it. */
    private volatile long epoch;

    /**
     * Compiles {@code source} (Cranelift), or loads its code from {@code cache} when it is not null and holds it; a
     * corrupt or truncated module is a {@link ModuleException} naming it.
     */
    EpochEngineModule(dev.nebula.runtime.FunctionArtifact source, Duration timeout, CompileCache cache) {
        this.source = source;
        this.timeout = timeout;
        try (Config config = new Config().epochInterruption(true)) {
            if (cache != null) {
                cache.configure(config);
            }
            this.engine = new Engine(config);
        }
        try {
            this.compiled = new io.github.kawamuray.wasmtime.Module(engine, source.bytes());
        } catch (WasmtimeException e) {
            engine.dispose();
            throw new ModuleException("Wasmtime cannot compile the module " + source + ": " + oneLine(e.getMessage()), e);
        }
        long tickNanos = Math.max(1, timeout.toNanos() / TICKS_PER_TIMEOUT);
        this.ticker = Thread.ofPlatform().daemon().name("wasmtime-epoch-" + source.name()).start(() -> tick(tickNanos));
    }

    private void tick(long tickNanos) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(Duration.ofNanos(tickNanos));
                engine.incrementEpoch();
                epoch++; // the ticker is the only writer
            }
        } catch (InterruptedException e) {
            // close(): stop ticking before the engine is freed
        }
    }

    String name() {
        return source.name();
    }

    dev.nebula.runtime.FunctionArtifact source() {
        return source;
    }

    Engine engine() {
        return engine;
    }

    io.github.kawamuray.wasmtime.Module compiled() {
        return compiled;
    }

    /**
     * Makes sure the next call in {@code store} is interrupted after one to 1.2 timeouts. {@code armedAt} is what the
     * last arm of this store returned ({@link #NEVER_ARMED} for a new store); returns what to pass next time.
     * Skipping is sound: armed at tick t, the deadline is at least t + 11 engine ticks, and while this counter still
     * reads t the engine is at most at t + 1, so at least 10 ticks, one timeout, remain.
     */
    long arm(Store<?> store, long armedAt) {
        long now = epoch;
        if (now != armedAt) {
            store.setEpochDeadline(TICKS_PER_TIMEOUT + 1);
        }
        return now;
    }

    /**
     * What a failed call means: an interrupt is the time limit ({@link InvocationTimeoutException}); any other trap,
     * or an error Wasmtime raised while running the code, is a {@link TrapException}.
     */
    RuntimeException translate(RuntimeException e, String what) {
        if (e instanceof WasmFunctionError.TrapError trap && trap.trap() == Trap.INTERRUPT) {
            return new InvocationTimeoutException(what + " on Wasmtime", timeout);
        }
        if (e instanceof WasmFunctionError.TrapError trap) {
            return new TrapException("wasm trap in " + what + " on Wasmtime: " + trap.trap(), e);
        }
        if (e instanceof WasmFunctionError || e instanceof WasmtimeException) {
            return new TrapException(what + " failed on Wasmtime: " + oneLine(String.valueOf(e.getMessage())), e);
        }
        return e;
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    @Override
    public void close() {
        ticker.interrupt();
        boolean interrupted = false;
        while (ticker.isAlive()) {
            try {
                ticker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        compiled.dispose();
        engine.dispose();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
