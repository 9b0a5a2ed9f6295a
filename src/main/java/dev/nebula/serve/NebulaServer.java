package dev.nebula.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nebula.UnknownIdException;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code nebula serve}: the thesis's FaaS platform. An HTTP server on 127.0.0.1 that invokes any catalog function on
 * any registered runtime, cold or warm ({@link Routes}). This class is its life: start with one host per runtime, count
 * the exchanges in flight, drain and close. Built on the JDK's own {@link HttpServer}, one virtual thread per exchange.
 */
public final class NebulaServer implements AutoCloseable {
    private final ServeOptions options;
    private final Map<String, RuntimeHost> hosts = new LinkedHashMap<>();
    /** The exchanges: one virtual thread each, so a slow request blocks nothing but itself. */
    private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * The invocations: platform threads, reused. GraalWasm calls polyglot contexts on virtual threads experimental,
     * and a CPU-bound wasm call would pin its carrier anyway. Their number is bounded by the per-runtime limit.
     */
    private final ExecutorService invocations = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("nebula-invoke-", 0).daemon(true).factory());
    private final CountDownLatch closed = new CountDownLatch(1);
    private final HttpServer http;
    private final Routes routes;
    private final AtomicInteger exchangesInFlight = new AtomicInteger();
    private volatile boolean closing;

    private NebulaServer(ServeOptions options, Map<String, Supplier<FunctionHost>> runtimes) throws IOException {
        this.options = options;
        runtimes.forEach((id, factory) -> hosts.put(id, new RuntimeHost(factory.get(), options, invocations)));
        this.routes = new Routes(hosts, options, () -> closing);
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 256);
        http.setExecutor(exchanges);
        http.createContext("/", this::handle);
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
        for (String id : options.deployAtStart()) {
            if (!runtimes.containsKey(id.strip())) {
                throw new UnknownIdException("runtime", id, runtimes.keySet());
            }
        }
        NebulaServer server = new NebulaServer(options, runtimes);
        for (String id : options.deployAtStart()) {
            try {
                server.hosts.get(id.strip()).deployment();
            } catch (RuntimeException e) {
                System.err.println("nebula serve: " + id + " is not deployed, its requests will say why: " + e.getMessage());
            }
        }
        server.http.start();
        return server;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /**
     * Stops accepting, lets requests in flight finish (at most the drain timeout), then closes every instance and
     * deployment. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        // stop() closes the listener at once, then waits for the exchanges in flight; now and then it waits out its
        // whole delay after the last one ended. So the drain counts the exchanges itself, and a second stop(0) then
        // closes the connections at once.
        Thread stopper = Thread.ofPlatform().name("nebula-serve-stop").start(
                () -> http.stop((int) Math.max(1, (options.drainTimeout().toMillis() + 999) / 1000)));
        awaitExchanges(deadline);
        http.stop(0);
        try {
            stopper.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (RuntimeHost host : hosts.values()) {
            try {
                host.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (RuntimeException e) {
                System.err.println("nebula serve: closing " + host.runtime().id() + " failed: " + e);
            }
        }
        invocations.shutdownNow();
        exchanges.shutdownNow();
        try {
            invocations.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed.countDown();
    }

    /** Waits until no exchange is being handled, or the deadline. */
    private void awaitExchanges(long deadline) {
        while (exchangesInFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void handle(HttpExchange exchange) {
        exchangesInFlight.incrementAndGet();
        try {
            routes.answer(exchange);
        } finally {
            exchangesInFlight.decrementAndGet();
        }
    }
}
