package dev.nebula.serve;

import dev.nebula.UnknownIdException;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code nebula serve}: the thesis's FaaS platform. An HTTP server (on 127.0.0.1 unless told otherwise) that invokes any catalog function on
 * any registered runtime, cold or warm ({@link Routes}). This class is its life: start with one host per runtime,
 * drain and close. Built on Jetty's core server: one selector thread, each request's handler on a virtual thread.
 */
public final class NebulaServer implements AutoCloseable {
    private final ServeOptions options;
    private final Map<String, RuntimeHost> hosts = new LinkedHashMap<>();
    /** The handlers: one virtual thread each, so a slow request blocks nothing but itself. */
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * The invocations: platform threads, reused. GraalWasm calls polyglot contexts on virtual threads experimental,
     * and a CPU-bound wasm call would pin its carrier anyway. Their number is bounded by the per-runtime limit.
     */
    private final ExecutorService invocations = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("nebula-invoke-", 0).daemon(true).factory());
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Server http;
    private final ServerConnector connector;
    private final Routes routes;
    private final HeaderDeadline headerDeadline;
    private final Uploads uploads;
    private volatile boolean closing;

    private NebulaServer(ServeOptions options, Map<String, Supplier<FunctionHost>> runtimes, FunctionDeployer deployer) {
        this.options = options;
        runtimes.forEach((id, factory) -> hosts.put(id, new RuntimeHost(factory.get(), options, invocations)));
        this.uploads = new Uploads(new FunctionStore(options.uploads().store()), deployer, hosts, options);
        HttpLimits limits = options.http();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("nebula-serve");
        threads.setVirtualThreadsExecutor(handlers);
        this.http = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(limits.maxHeaderBytes());
        config.setSendServerVersion(false);
        this.connector = new ServerConnector(http, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(options.access().bind().getHostAddress());
        connector.setPort(options.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(4096);
        http.addConnector(connector);
        http.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        http.setErrorHandler(new JsonErrorHandler());
        this.headerDeadline = new HeaderDeadline(connector, limits.headerTimeout());
        this.routes = new Routes(hosts, uploads, options, () -> closing, headerDeadline);
        http.setHandler(routes);
    }

    /** Starts a server for every registered runtime; deploys those {@code options} names first. */
    public static NebulaServer start(ServeOptions options) throws IOException {
        Map<String, Supplier<FunctionHost>> runtimes = new LinkedHashMap<>();
        for (String id : Runtimes.ids()) {
            runtimes.put(id, () -> Runtimes.byId(id));
        }
        return start(options, runtimes);
    }

    /** Starts a server for these runtimes (tests bring their own). */
    public static NebulaServer start(ServeOptions options, Map<String, Supplier<FunctionHost>> runtimes) throws IOException {
        return start(options, runtimes, new UserFunctionDeployer());
    }

    /**
     * Starts a server for these runtimes, with this support for uploads (tests script it): the runtimes asked for at
     * start are deployed, then the store's uploads are redeployed, and only then does it listen.
     */
    static NebulaServer start(ServeOptions options, Map<String, Supplier<FunctionHost>> runtimes, FunctionDeployer deployer) throws IOException {
        for (String id : options.deployAtStart()) {
            if (!runtimes.containsKey(id)) {
                throw new UnknownIdException("runtime", id, runtimes.keySet());
            }
        }
        NebulaServer server = new NebulaServer(options, runtimes, deployer);
        for (String id : options.deployAtStart()) {
            try {
                server.hosts.get(id).deployment();
            } catch (RuntimeException e) {
                System.err.println("nebula serve: " + id + " is not deployed, its requests will say why: " + e.getMessage());
            }
        }
        try {
            server.uploads.loadAtStart().forEach(line -> System.err.println("nebula serve: " + line));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        try {
            server.http.start();
            server.headerDeadline.start();
        } catch (Exception e) {
            server.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return server;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        return URI.create("http://" + options.access().urlHost() + ":" + port() + "/");
    }

    /** The connections open now: at most {@code --max-connections}. */
    int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    /**
     * Drains: {@code /health} answers 503 and new invocations are refused while the listener stays open for the
     * requests in flight (at most the drain timeout); then stops listening and closes every instance and deployment.
     * Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        routes.awaitInFlight(deadline);
        try {
            http.setStopTimeout(0);
            http.stop();
        } catch (Exception e) {
            System.err.println("nebula serve: stopping the listener failed: " + e);
        }
        headerDeadline.close();
        for (RuntimeHost host : hosts.values()) {
            try {
                host.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (RuntimeException e) {
                System.err.println("nebula serve: closing " + host.runtime().id() + " failed: " + e);
            }
        }
        uploads.close();
        invocations.shutdownNow();
        handlers.shutdownNow();
        try {
            invocations.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed.countDown();
    }
}
