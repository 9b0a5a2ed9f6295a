package dev.nebula.serve;

import static dev.nebula.serve.JsonResponses.send;
import static dev.nebula.serve.JsonResponses.sendError;

import com.sun.net.httpserver.HttpExchange;
import dev.nebula.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Which handler answers a request, by path and method: invoke, the catalog endpoints and the page. A wrong path or
 * method is answered with the endpoints that exist, bad input with 400; the exchange is always closed.
 */
final class Routes {
    static final String ENDPOINTS = "POST /invoke/{runtime}/{fn}?n=...&start=cold|warm, GET /runtimes, GET /functions, GET /health, GET /";

    private final InvokeHandler invoke;
    private final CatalogJson catalog;
    private final BooleanSupplier closing;
    private final byte[] page;

    /** @param closing whether the server is shutting down, when {@code /health} says so */
    Routes(Map<String, RuntimeHost> hosts, ServeOptions options, BooleanSupplier closing) {
        this.invoke = new InvokeHandler(hosts);
        this.catalog = new CatalogJson(hosts, options);
        this.closing = closing;
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

    void answer(HttpExchange exchange) {
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
                invoke.handle(exchange, path.substring("/invoke/".length()));
                return;
            }
            Supplier<byte[]> body = switch (path) {
                case "/", "/index.html" -> () -> page;
                case "/health" -> catalog::health;
                case "/runtimes" -> catalog::runtimes;
                case "/functions" -> CatalogJson::functions;
                default -> null;
            };
            if (body == null) {
                sendError(exchange, 404, "not-found", "no endpoint " + path + "; endpoints: " + ENDPOINTS, null);
            } else if (!method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                sendError(exchange, 405, "method-not-allowed", method + " " + path + ": this endpoint takes GET", null);
            } else if (path.equals("/health") && closing.getAsBoolean()) {
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
}
