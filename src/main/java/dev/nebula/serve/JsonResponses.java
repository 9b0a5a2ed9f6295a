package dev.nebula.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;

/** How every answer leaves the server: a body with its content type, never cached; an error as one JSON shape. */
final class JsonResponses {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {}

    /** An error as {@code {error, status, message}}, plus {@code extra}'s fields (for example the valid ids). */
    static void sendError(HttpExchange exchange, int status, String kind, String message, ObjectNode extra) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.put("error", kind);
        error.put("status", status);
        error.put("message", message);
        if (extra != null) {
            error.setAll(extra);
        }
        send(exchange, status, "application/json", bytes(error));
    }

    static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        send(exchange, status, "application/json", bytes(body));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code {"<what>": [ids...]}}: what a bad id could have been. */
    static ObjectNode valid(String what, Collection<String> ids) {
        ObjectNode valid = JSON.createObjectNode();
        ArrayNode list = valid.putArray(what);
        ids.forEach(list::add);
        return valid;
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
