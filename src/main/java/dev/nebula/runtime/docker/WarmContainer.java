package dev.nebula.runtime.docker;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.nebula.InvocationTimeoutException;
import dev.nebula.NebulaException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.OwnedTempDirectories;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.ServeClient;
import dev.nebula.runtime.cli.Watchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A long-running container whose {@code nebula serve} talks to the host over a unix socket in a bind mount: the
 * container runs {@code nebula serve --socket}, which accepts the host's one connection and serves on it, so each
 * invoke is one line each way between this JVM and the function, with no network and no relay.
 */
final class WarmContainer implements FunctionInstance {
    /** Where the bind mount appears inside the container. */
    static final String SOCKET_DIRECTORY = "/run/nebula";
    static final String SOCKET_NAME = "serve.sock";
    private static final long CHECK_CONTAINER_EVERY_NANOS = 100_000_000L;
    private static final long POLL_NANOS = 100_000L;

    private final DockerEngine engine;
    private final Path directory;
    private final String id;
    private final String what;
    private final SocketChannel channel;
    private final ServeClient client;
    private final Consumer<WarmContainer> onClose;

    /** @param onClose told when this instance is closed, so that its deployment forgets it */
    WarmContainer(DockerEngine engine, String image, Duration timeout, Duration startTimeout, Consumer<WarmContainer> onClose) {
        this.engine = engine;
        this.onClose = onClose;
        this.directory = createDirectory();
        String started = null;
        try {
            started = engine.create(engine.client().createContainerCmd(image)
                    .withEntrypoint(NebulaImage.NEBULA_PATH, CliProtocol.SERVE, CliProtocol.SOCKET_OPTION, SOCKET_DIRECTORY + "/" + SOCKET_NAME)
                    .withHostConfig(HostConfig.newHostConfig()
                            .withNetworkMode(DockerDeployment.NETWORK_NONE)
                            .withBinds(new Bind(directory.toString(), new Volume(SOCKET_DIRECTORY)))));
            this.id = started;
            this.what = "nebula serve in container " + DockerEngine.shortId(id);
            engine.start(id);
            this.channel = connect(directory.resolve(SOCKET_NAME), startTimeout);
        } catch (RuntimeException e) {
            discard(started, e);
            throw e;
        }
        this.client = new ServeClient(what, Channels.newInputStream(channel), Channels.newOutputStream(channel),
                Watchdog.guard(what, timeout, this::kill), this::whyClosed);
    }

    private static Path createDirectory() {
        try {
            // Empty once nebula serve has accepted on the socket, and deleted at exit; those of killed JVMs are swept.
            return OwnedTempDirectories.create("warm");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the socket directory of a warm container", e);
        }
    }

    /** Connects as soon as the container listens; fails early when it exits instead. */
    private SocketChannel connect(Path socket, Duration startTimeout) {
        long begun = System.nanoTime();
        long lastCheck = begun;
        while (true) {
            if (Files.exists(socket)) {
                try {
                    SocketChannel connected = SocketChannel.open(StandardProtocolFamily.UNIX);
                    try {
                        connected.connect(UnixDomainSocketAddress.of(socket));
                        return connected;
                    } catch (IOException e) {
                        connected.close();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open a unix socket", e);
                }
            }
            long now = System.nanoTime();
            if (now - begun > startTimeout.toNanos()) {
                throw new InvocationTimeoutException(what + " listening on " + socket, startTimeout);
            }
            if (now - lastCheck > CHECK_CONTAINER_EVERY_NANOS) {
                lastCheck = now;
                if (!engine.isRunning(id)) {
                    throw new TrapException(what + " exited before it listened on " + socket + ": " + engine.logs(id).stderr().strip());
                }
            }
            // A tenth of a millisecond: the start is measured, so the poll must not round it up much.
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new NebulaException("interrupted while starting " + what);
            }
        }
    }

    /** The container's id. */
    String id() {
        return id;
    }

    @Override
    public long invoke(CatalogFunction function, long n) {
        return client.invoke(function, n);
    }

    /** The watchdog's kill: unblocks the read at once, then kills and removes the container. */
    private void kill() {
        try {
            channel.close();
        } catch (IOException e) {
            // The container's removal below ends the conversation anyway.
        }
        engine.remove(id);
    }

    private RuntimeException whyClosed() {
        try {
            if (engine.isRunning(id)) {
                return new TrapException(what + " closed its socket but is still running");
            }
            String stderr = engine.logs(id).stderr().strip();
            return new TrapException(what + " exited" + (stderr.isEmpty() ? "" : ": " + stderr));
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Ends the conversation and removes the container (kill included), then the socket directory. */
    @Override
    public void close() {
        client.close();
        try {
            engine.remove(id);
        } finally {
            deleteDirectory();
            onClose.accept(this);
        }
    }

    private void discard(String started, RuntimeException failure) {
        if (started != null) {
            engine.removeAfter(failure, started);
        }
        deleteDirectory();
    }

    private void deleteDirectory() {
        try {
            Files.deleteIfExists(directory.resolve(SOCKET_NAME));
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // A leftover empty directory in /tmp is harmless.
        }
    }
}
