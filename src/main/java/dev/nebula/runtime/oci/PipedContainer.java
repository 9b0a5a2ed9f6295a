package dev.nebula.runtime.oci;

import dev.nebula.NebulaException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.cli.ServeClient;
import dev.nebula.runtime.cli.Watchdog;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A warm container whose tool runs in the foreground ({@code runc run}, {@code ctr run}, {@code docker run -i}) with
 * {@code nebula serve} inside, the container's stdin and stdout carried by the tool's own: each invoke is one line each
 * way over the tool's pipes, as for {@code process}. It is started once it has answered a first request. End of
 * stdin ends the server and the tool then removes the
 * container; one that does not end in time, or a call over the time limit, has its container removed by force.
 */
public final class PipedContainer implements FunctionInstance {
    private static final long EXIT_WAIT_SECONDS = 10;
    /** How long a warm container may take to answer its first request, as for docker's. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final ServeClient client;
    private final Runnable forceRemove;
    private final Runnable forget;
    private final Consumer<PipedContainer> onClose;

    /**
     * @param name        the container's name, as the tool lists it
     * @param forceRemove kills and removes what the tool made for this container (it must end the tool's process)
     * @param forget      after the end, whatever happened: drops what the caller kept for this container
     * @param onClose     told when this instance is closed, so that its deployment forgets it
     */
    public PipedContainer(String name, List<String> command, String what, Duration timeout, Runnable forceRemove,
                          Runnable forget, Consumer<PipedContainer> onClose) {
        this.name = name;
        this.forceRemove = forceRemove;
        this.forget = forget;
        this.onClose = onClose;
        try {
            this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            forget.run();
            throw new NebulaException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        awaitServing(what);
        this.client = new ServeClient(what, process.getInputStream(), process.getOutputStream(),
                Watchdog.guard(what, timeout, this::kill), () -> exited(what));
    }

    /**
     * Returns once the server answers one fib 0, within {@link #START_TIMEOUT}: the tool returns as soon as it has
     * spawned, long before the container runs, and a started instance is one that serves, as docker's warm container
     * is once its socket accepts. A container that does not get there is removed.
     */
    private void awaitServing(String what) {
        Watchdog.Guard starting = Watchdog.guard(what + " starting", START_TIMEOUT, this::kill);
        try {
            // The server says nothing unasked, so this client leaves no unread bytes behind for the real one.
            long answer = new ServeClient(what, process.getInputStream(), process.getOutputStream(), starting, () -> exited(what))
                    .invoke(CatalogFunction.FIB, 0);
            if (answer != CatalogFunction.FIB.reference(0)) {
                throw new TrapException(what + " answered fib 0 wrongly at start");
            }
        } catch (RuntimeException e) {
            try {
                kill();
                forget.run();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        } finally {
            starting.close();
        }
    }

    /** The container's name, as the tool lists it. */
    public String name() {
        return name;
    }

    @Override
    public long invoke(CatalogFunction function, long n) {
        return client.invoke(function, n);
    }

    /** The watchdog's kill: the container first (which ends the tool), then the tool itself. */
    private void kill() {
        forceRemove.run();
        process.destroyForcibly();
    }

    private RuntimeException exited(String what) {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                return new TrapException(what + " exited with code " + process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new TrapException(what + " closed its stdout");
    }

    @Override
    public void close() {
        client.close();
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        } finally {
            try {
                if (process.isAlive() || process.exitValue() != 0) {
                    // The tool did not remove the container itself: killed, failed, or still going.
                    forceRemove.run();
                    process.destroyForcibly();
                }
            } finally {
                forget.run();
                onClose.accept(this);
            }
        }
    }
}
