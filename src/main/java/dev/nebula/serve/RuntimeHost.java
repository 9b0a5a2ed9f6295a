package dev.nebula.serve;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.FunctionHost;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One runtime as the server hosts it: its deployment (made once, on first use or at start), a pool of started
 * instances for warm requests, and the admission limit that refuses an overload instead of piling it up.
 *
 * <p>At most {@code maxConcurrent} requests run at once; up to {@code maxWaiting} more wait at most
 * {@code queueWait} for a slot. Since a warm request holds its instance for as long as it holds its slot, the pool
 * never holds more than {@code maxConcurrent} instances.
 */
final class RuntimeHost implements AutoCloseable {
    private final FunctionHost runtime;
    private final Abi abi;
    private final ServeOptions options;
    private final ExecutorService executor;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Object deployLock = new Object();
    private final Deque<FunctionInstance> idle = new ConcurrentLinkedDeque<>();
    /** Every instance started and not yet closed, idle or in use: shutdown closes them all. */
    private final Set<FunctionInstance> live = ConcurrentHashMap.newKeySet();
    private volatile Deployment deployment;
    private volatile boolean closing;
    /** Set before close() looks for live instances: an instance started after that is closed by its own request. */
    private volatile boolean closed;

    RuntimeHost(FunctionHost runtime, ServeOptions options, ExecutorService executor) {
        this.runtime = runtime;
        // The runtime's default ABI, as the benchmarks use it: the first of abis().
        this.abi = runtime.abis().iterator().next();
        this.options = options;
        this.executor = executor;
        this.slots = new Semaphore(options.maxConcurrent(), true);
    }

    FunctionHost runtime() {
        return runtime;
    }

    Abi abi() {
        return abi;
    }

    boolean deployed() {
        return deployment != null;
    }

    int idleInstances() {
        return idle.size();
    }

    /** The deployment, made now unless it exists: once per runtime for the server's life. */
    Deployment deployment() {
        Deployment current = deployment;
        if (current != null) {
            return current;
        }
        synchronized (deployLock) {
            if (closing) {
                throw new Refusal.ShuttingDown();
            }
            if (deployment == null) {
                runtime.requireAvailable();
                deployment = runtime.deploy(FunctionArtifact.bundled(abi));
            }
            return deployment;
        }
    }

    /** Work that runs once admitted, told how long it waited for its slot. */
    interface Admitted<T> {
        T run(long queueNanos) throws Exception;
    }

    /** Runs one request of a built-in function: {@link #admitted}, then deploy if needed, then cold or warm. */
    Invocation invoke(CatalogFunction function, long n, StartMode start) throws Exception {
        return admitted(function.id() + " " + n + " (" + start.id() + ")", queueNanos -> run(function, n, start, queueNanos));
    }

    /**
     * Runs one request: waits for a slot (bounded), then runs it on a thread of its own so that the answer can time
     * out. A timed-out invocation keeps its slot until it really ends, so it still counts against the limit.
     *
     * @param what the request, as a timeout's message names it
     */
    <T> T admitted(String what, Admitted<T> work) throws Exception {
        long received = System.nanoTime();
        admit();
        long admitted = System.nanoTime();
        Future<T> running;
        try {
            running = executor.submit(() -> {
                try {
                    return work.run(admitted - received);
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release(); // the executor is shut down
            throw new Refusal.ShuttingDown();
        }
        try {
            return running.get(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new Refusal.TimedOut(runtime.id() + " " + what, options.requestTimeout());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void admit() throws InterruptedException {
        if (closing) {
            throw new Refusal.ShuttingDown();
        }
        if (slots.tryAcquire()) {
            return;
        }
        try {
            if (waiting.incrementAndGet() > options.maxWaiting()
                    || !slots.tryAcquire(options.queueWait().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Refusal.Overloaded(runtime.id(), options);
            }
        } finally {
            waiting.decrementAndGet();
        }
        if (closing) {
            slots.release();
            throw new Refusal.ShuttingDown();
        }
    }

    private Invocation run(CatalogFunction function, long n, StartMode start, long queueNanos) {
        long begun = System.nanoTime();
        boolean wasDeployed = deployed();
        Deployment deployment = deployment();
        // A request that deployed (or waited for the deploy) says so: its latency is no steady-state latency.
        long deployNanos = wasDeployed ? 0 : System.nanoTime() - begun;
        Phases phases = Phases.recording();
        long bits;
        boolean freshInstance = true;
        if (start == StartMode.COLD) {
            bits = deployment.coldInvoke(function, n, phases);
        } else {
            FunctionInstance instance = idle.pollFirst();
            freshInstance = instance == null;
            phases.begin();
            if (freshInstance) {
                instance = deployment.start();
                live.add(instance);
                if (closed) {
                    // close() has already closed what it found live: this one would outlive the server.
                    retire(instance);
                    throw new Refusal.ShuttingDown();
                }
                phases.mark(Deployment.START);
            }
            boolean reusable = false;
            try {
                bits = instance.invoke(function, n);
                phases.mark(Deployment.INVOKE);
                reusable = true;
            } finally {
                // An instance that failed (a trap, a timeout that killed its process) is not handed out again.
                if (reusable && !closing) {
                    idle.offerFirst(instance);
                } else {
                    retire(instance);
                }
            }
        }
        return new Invocation(bits, Invocation.phases(phases), phases.totalNanos(), queueNanos, deployNanos, freshInstance);
    }

    private void retire(FunctionInstance instance) {
        if (live.remove(instance)) {
            instance.close();
        }
    }

    /**
     * Refuses new requests, waits (at most {@code wait}) for those in flight, then closes every instance and the
     * deployment, even when some request is still running.
     */
    void close(Duration wait) {
        closing = true;
        try {
            if (slots.tryAcquire(options.maxConcurrent(), wait.toNanos(), TimeUnit.NANOSECONDS)) {
                slots.release(options.maxConcurrent());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        closing = true;
        closed = true;
        RuntimeException first = null;
        idle.clear();
        for (FunctionInstance instance : List.copyOf(live)) {
            try {
                retire(instance);
            } catch (RuntimeException e) {
                first = first == null ? e : suppress(first, e);
            }
        }
        synchronized (deployLock) {
            if (deployment != null) {
                try {
                    deployment.close();
                } catch (RuntimeException e) {
                    first = first == null ? e : suppress(first, e);
                } finally {
                    deployment = null;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static RuntimeException suppress(RuntimeException first, RuntimeException next) {
        first.addSuppressed(next);
        return first;
    }
}
