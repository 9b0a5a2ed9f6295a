package dev.nebula.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nebula.InvalidInputException;
import dev.nebula.UnknownIdException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.Size;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code nebula serve}: the thesis's FaaS platform. An HTTP server on 127.0.0.1 that invokes any catalog function on
 * any registered runtime, cold or warm, checks the answer against the Java reference, and returns it with the
 * server-side timings. Built on the JDK's own {@link HttpServer}, one virtual thread per exchange.
 */
public final class NebulaServer implements AutoCloseable {
    static final String ENDPOINTS = "POST /invoke/{runtime}/{fn}?n=...&start=cold|warm, GET /runtimes, GET /functions, GET /health, GET /";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REFERENCE_CACHE_LIMIT = 4_096;

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
    private final Map<ReferenceKey, Long> references = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final HttpServer http;
    private final byte[] page;
    private final AtomicInteger exchangesInFlight = new AtomicInteger();
    private volatile boolean closing;

    private record ReferenceKey(CatalogFunction function, long n) {}

    private NebulaServer(ServeOptions options, Map<String, Supplier<FunctionHost>> runtimes) throws IOException {
        this.options = options;
        runtimes.forEach((id, factory) -> hosts.put(id, new RuntimeHost(factory.get(), options, invocations)));
        try (InputStream in = NebulaServer.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("the page dev/nebula/serve/index.html is missing from the classpath");
            }
            this.page = in.readAllBytes();
        }
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

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(ServeOptions.usage());
            return;
        }
        ServeOptions options;
        try {
            options = ServeOptions.parse(args);
        } catch (InvalidInputException e) {
            System.err.println("nebula serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (GraalWasmRelaunch.needed()) {
            System.exit(GraalWasmRelaunch.run(args));
            return;
        }
        NebulaServer server;
        try {
            server = start(options);
        } catch (UnknownIdException e) {
            System.err.println("nebula serve: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("nebula serve: cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        // SIGTERM and Ctrl-C: drain, then close every instance and deployment.
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(server::close, "nebula-serve-shutdown"));
        System.out.println("nebula serve: listening on " + server.uri() + " (" + ENDPOINTS + ")");
        System.out.flush();
        server.closed.await();
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
            answer(exchange);
        } finally {
            exchangesInFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange) {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith("/invoke/")) {
                if (path.split("/", -1).length != 4) {
                    sendError(exchange, 404, "not-found", "expected /invoke/{runtime}/{fn}; endpoints: " + ENDPOINTS, null);
                    return;
                }
                if (!method.equals("POST")) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    sendError(exchange, 405, "method-not-allowed", method + " " + path + ": invoke takes POST", null);
                    return;
                }
                invoke(exchange, path.substring("/invoke/".length()));
                return;
            }
            Supplier<byte[]> body = switch (path) {
                case "/", "/index.html" -> () -> page;
                case "/health" -> this::health;
                case "/runtimes" -> this::runtimesJson;
                case "/functions" -> NebulaServer::functionsJson;
                default -> null;
            };
            if (body == null) {
                sendError(exchange, 404, "not-found", "no endpoint " + path + "; endpoints: " + ENDPOINTS, null);
            } else if (!method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                sendError(exchange, 405, "method-not-allowed", method + " " + path + ": this endpoint takes GET", null);
            } else if (path.equals("/health") && closing) {
                sendError(exchange, 503, "shutting-down", "the server is shutting down", null);
            } else {
                boolean html = path.equals("/") || path.equals("/index.html");
                send(exchange, 200, html ? "text/html; charset=utf-8" : "application/json", body.get());
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } catch (InvalidInputException e) {
            try {
                sendError(exchange, 400, "bad-input", e.getMessage(), null);
            } catch (IOException | RuntimeException ignored) {
                // The client went away.
            }
        } catch (RuntimeException e) {
            System.err.println("nebula serve: failed to answer " + exchange.getRequestURI() + ": " + e);
        }
    }

    private void invoke(HttpExchange exchange, String target) throws IOException {
        String[] parts = target.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            sendError(exchange, 404, "not-found", "expected /invoke/{runtime}/{fn}; endpoints: " + ENDPOINTS, null);
            return;
        }
        String runtimeId = decode(parts[0]);
        RuntimeHost host = hosts.get(runtimeId);
        if (host == null) {
            UnknownIdException e = new UnknownIdException("runtime", runtimeId, hosts.keySet());
            sendError(exchange, 400, "bad-input", e.getMessage(), valid("runtimes", hosts.keySet()));
            return;
        }
        CatalogFunction function;
        try {
            function = CatalogFunction.byId(decode(parts[1]));
        } catch (UnknownIdException e) {
            sendError(exchange, 400, "bad-input", e.getMessage(), valid("functions", CatalogFunction.ids()));
            return;
        }
        long n;
        StartMode start;
        try {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String nText = query.get("n");
            if (nText == null) {
                throw new InvalidInputException("n is required: a whole number in " + function.validRange() + " or a size label S, M or L");
            }
            n = function.input(nText);
            start = StartMode.byId(query.getOrDefault("start", StartMode.COLD.id()));
        } catch (InvalidInputException | UnknownIdException e) {
            sendError(exchange, 400, "bad-input", e.getMessage(), null);
            return;
        }
        Invocation invocation;
        try {
            invocation = host.invoke(function, n, start);
        } catch (Exception e) {
            Failure failure = Failure.of(e);
            if (failure.status() == 500) {
                System.err.println("nebula serve: " + runtimeId + " " + function.id() + " " + n + " failed:");
                e.printStackTrace();
            }
            if (failure.status() == 503) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            sendError(exchange, failure.status(), failure.kind(), failure.message(), null);
            return;
        }
        long expected = reference(function, n);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("runtime", runtimeId);
        answer.put("fn", function.id());
        answer.put("n", n);
        answer.put("start", start.id());
        answer.put("result", function.format(invocation.bits()));
        answer.put("expected", function.format(expected));
        ObjectNode check = answer.putObject("check");
        check.put("resultBits", bitsHex(invocation.bits()));
        check.put("referenceBits", bitsHex(expected));
        check.put("equal", invocation.bits() == expected);
        ObjectNode timings = answer.putObject("timings");
        ArrayNode phases = timings.putArray("phases");
        for (Invocation.Phase phase : invocation.phases()) {
            phases.addObject().put("name", phase.name()).put("us", micros(phase.nanos()));
        }
        timings.put("totalUs", micros(invocation.totalNanos()));
        timings.put("queueUs", micros(invocation.queueNanos()));
        timings.put("deployUs", micros(invocation.deployNanos()));
        timings.put("freshInstance", invocation.freshInstance());
        if (invocation.bits() != expected) {
            // Never a success: a wrong answer is the server's failure, with both values to see.
            answer.put("error", "wrong-answer");
            answer.put("status", 500);
            answer.put("message", runtimeId + " answered " + function.format(invocation.bits()) + " for " + function.id()
                    + "(" + n + "), the reference is " + function.format(expected));
            send(exchange, 500, "application/json", JSON.writeValueAsBytes(answer));
            return;
        }
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
    }

    /** The Java reference for (fn, n), remembered: a load test asks for the same one again and again. */
    private long reference(CatalogFunction function, long n) {
        ReferenceKey key = new ReferenceKey(function, n);
        Long known = references.get(key);
        if (known != null) {
            return known;
        }
        long expected = function.reference(n);
        if (references.size() >= REFERENCE_CACHE_LIMIT) {
            references.clear();
        }
        references.put(key, expected);
        return expected;
    }

    private byte[] health() {
        ObjectNode health = JSON.createObjectNode();
        health.put("status", "ready");
        ArrayNode deployed = health.putArray("deployed");
        hosts.forEach((id, host) -> {
            if (host.deployed()) {
                deployed.add(id);
            }
        });
        return bytes(health);
    }

    private byte[] runtimesJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("runtimes");
        hosts.forEach((id, host) -> {
            ObjectNode entry = list.addObject();
            entry.put("id", id);
            entry.put("description", host.runtime().description());
            entry.put("abi", host.abi().id());
            ArrayNode abis = entry.putArray("abis");
            host.runtime().abis().stream().map(Abi::id).forEach(abis::add);
            entry.put("deployed", host.deployed());
            entry.put("idleInstances", host.idleInstances());
        });
        ObjectNode limits = root.putObject("limitsPerRuntime");
        limits.put("maxConcurrent", options.maxConcurrent());
        limits.put("maxWaiting", options.maxWaiting());
        limits.put("queueWaitMs", options.queueWait().toMillis());
        limits.put("requestTimeoutMs", options.requestTimeout().toMillis());
        ArrayNode starts = root.putArray("start");
        for (StartMode mode : StartMode.values()) {
            starts.add(mode.id());
        }
        return bytes(root);
    }

    private static byte[] functionsJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("functions");
        for (CatalogFunction function : CatalogFunction.values()) {
            ObjectNode entry = list.addObject();
            entry.put("id", function.id());
            entry.put("export", function.exportName());
            entry.put("result", function.resultKind().name().toLowerCase(Locale.ROOT));
            entry.put("min", function.minInput());
            entry.put("max", function.maxInput());
            entry.put("validRange", function.validRange());
            ObjectNode sizes = entry.putObject("sizes");
            for (Size size : Size.values()) {
                sizes.put(size.name(), function.input(size));
            }
        }
        return bytes(root);
    }

    private static ObjectNode valid(String what, java.util.Collection<String> ids) {
        ObjectNode valid = JSON.createObjectNode();
        ArrayNode list = valid.putArray(what);
        ids.forEach(list::add);
        return valid;
    }

    private static void sendError(HttpExchange exchange, int status, String kind, String message, ObjectNode extra) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.put("error", kind);
        error.put("status", status);
        error.put("message", message);
        if (extra != null) {
            error.setAll(extra);
        }
        send(exchange, status, "application/json", JSON.writeValueAsBytes(error));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!List.of("n", "start").contains(name)) {
                throw new InvalidInputException("unknown parameter '" + name + "'; valid: n, start");
            }
            if (values.put(name, value) != null) {
                throw new InvalidInputException("parameter '" + name + "' given twice");
            }
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cannot decode '" + text + "': " + e.getMessage());
        }
    }

    private static String bitsHex(long bits) {
        return String.format("0x%016x", bits);
    }

    /** Microseconds with 0.1 µs resolution. */
    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
