package dev.nebula.serve;

import static dev.nebula.serve.JsonResponses.sendError;

import dev.nebula.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Which handler answers a request, by path and method: invoke, the catalog endpoints and the page. A wrong path or
 * method is answered with the endpoints that exist, bad input with 400, a body over the endpoint's limit with 413;
 * every request gets exactly one answer. Jetty runs it on a virtual thread (a blocking handler).
 */
final class Routes extends Handler.Abstract {
    static final String ENDPOINTS = "POST /invoke/{runtime}/{fn}?n=...&start=cold|warm, GET /runtimes, GET /functions,"
            + " PUT /functions/{name}?check=n&runtimes=a,b (a module), PUT /functions/{name}/binary, GET|DELETE /functions/{name},"
            + " GET /health, GET /, POST /" + Anchor.PATH;

    private final InvokeHandler invoke;
    private final FunctionsHandler functions;
    private final CatalogJson catalog;
    private final long maxModuleBytes;
    private final BooleanSupplier closing;
    private final HttpLimits limits;
    private final byte[] page;
    private final AtomicInteger inFlight = new AtomicInteger();

    private final RequestGuard guard;
    private final HeaderDeadline headerDeadline;

    /**
     * @param closing        whether the server is shutting down, when {@code /health} says so
     * @param headerDeadline told when a request is in hand, so that it closes only connections still sending a head
     */
    Routes(Map<String, RuntimeHost> hosts, Uploads uploads, ServeOptions options, BooleanSupplier closing, HeaderDeadline headerDeadline) {
        this.invoke = new InvokeHandler(hosts, uploads);
        this.functions = new FunctionsHandler(uploads);
        this.guard = new RequestGuard(options.access());
        this.headerDeadline = headerDeadline;
        this.catalog = new CatalogJson(hosts, uploads, options);
        this.maxModuleBytes = options.uploads().maxModuleBytes();
        this.closing = closing;
        this.limits = options.http();
        this.page = page();
    }

    private static byte[] page() {
        try (InputStream in = Routes.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("the page dev/nebula/serve/index.html is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page dev/nebula/serve/index.html", e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Connection connection = request.getConnectionMetaData().getConnection();
        headerDeadline.requestStarted(connection);
        inFlight.incrementAndGet();
        try {
            Exchange exchange = new Exchange(request, response, callback);
            Optional<Failure> refusal = guard.refusal(exchange);
            if (refusal.isPresent()) {
                if (refusal.get().status() == 401) {
                    exchange.setHeader("WWW-Authenticate", "Bearer");
                }
                sendError(exchange, refusal.get().status(), refusal.get().kind(), refusal.get().message(), null);
                return true;
            }
            answer(exchange);
            if (!exchange.answered()) {
                sendError(exchange, 500, "internal", "the server failed to answer " + Echo.of(exchange.rawPath()), null);
            }
            return true;
        } finally {
            inFlight.decrementAndGet();
            headerDeadline.requestEnded(connection);
        }
    }

    /** Waits until no request is being handled, or the deadline ({@link System#nanoTime()}). */
    void awaitInFlight(long deadline) {
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The largest body this endpoint takes: one place, so an endpoint that takes more (an upload) says so here. */
    private long bodyLimit(String method, String path) {
        return FunctionsHandler.isUpload(method, path) ? maxModuleBytes : limits.maxBodyBytes();
    }

    private void answer(Exchange exchange) {
        try {
            String path = exchange.rawPath();
            String method = exchange.method();
            byte[] body = exchange.body(bodyLimit(method, path));
            if (path.startsWith("/invoke/")) {
                if (path.split("/", -1).length != 4) {
                    sendError(exchange, 404, "not-found", "expected /invoke/{runtime}/{fn}; endpoints: " + ENDPOINTS, null);
                    return;
                }
                if (!method.equals("POST")) {
                    exchange.setHeader("Allow", "POST");
                    sendError(exchange, 405, "method-not-allowed", method + " " + Echo.of(path) + ": invoke takes POST", null);
                    return;
                }
                if (closing.getAsBoolean()) {
                    exchange.setHeader("Retry-After", "1");
                    sendError(exchange, 503, "shutting-down", new Refusal.ShuttingDown().getMessage(), null);
                    return;
                }
                invoke.handle(exchange, path.substring("/invoke/".length()));
                return;
            }
            if (path.equals("/" + Anchor.PATH)) {
                if (!method.equals("POST")) {
                    exchange.setHeader("Allow", "POST");
                    sendError(exchange, 405, "method-not-allowed", method + " " + path + ": the anchor takes POST, as invoke does", null);
                    return;
                }
                exchange.send(200, "application/json", Anchor.ANSWER);
                return;
            }
            if (path.startsWith("/functions/")) {
                if (closing.getAsBoolean()) {
                    exchange.setHeader("Retry-After", "1");
                    sendError(exchange, 503, "shutting-down", new Refusal.ShuttingDown().getMessage(), null);
                    return;
                }
                functions.handle(exchange, method, path.substring("/functions/".length()), body);
                return;
            }
            Supplier<byte[]> answer = switch (path) {
                case "/", "/index.html" -> () -> page;
                case "/health" -> catalog::health;
                case "/runtimes" -> catalog::runtimes;
                case "/functions" -> catalog::functions;
                default -> null;
            };
            if (answer == null) {
                sendError(exchange, 404, "not-found", "no endpoint " + Echo.of(path) + "; endpoints: " + ENDPOINTS, null);
            } else if (!method.equals("GET")) {
                exchange.setHeader("Allow", "GET");
                sendError(exchange, 405, "method-not-allowed", method + " " + path + ": this endpoint takes GET", null);
            } else if (path.equals("/health") && closing.getAsBoolean()) {
                sendError(exchange, 503, "shutting-down", "the server is shutting down", null);
            } else {
                boolean html = path.equals("/") || path.equals("/index.html");
                exchange.send(200, html ? "text/html; charset=utf-8" : "application/json", answer.get());
            }
        } catch (Exchange.BodyTooLarge e) {
            exchange.setHeader("Connection", "close");
            boolean upload = FunctionsHandler.isUpload(exchange.method(), exchange.rawPath());
            sendError(exchange, 413, "too-large", e.getMessage() + (upload ? " (" + UploadOptions.mebibytes(maxModuleBytes)
                    + "); start serve with a larger --max-module to accept it" : ""), null);
        } catch (IOException e) {
            // The body broke off (the client went away, or a bad chunk): say so, if anyone listens, and close.
            exchange.setHeader("Connection", "close");
            sendError(exchange, 400, "bad-request", "the request body could not be read: " + e.getMessage(), null);
        } catch (InvalidInputException e) {
            sendError(exchange, 400, "bad-input", e.getMessage(), null);
        } catch (RuntimeException e) {
            System.err.println("nebula serve: failed to answer " + Echo.of(exchange.rawPath()) + ": " + e);
        }
    }
}
