package dev.nebula.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/** The JSON answers: a body as JSON, an error as one shape {@code {error, status, message}}. */
final class JsonResponses {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {}

    /** An error as {@code {error, status, message}}, plus {@code extra}'s fields (for example the valid ids). */
    static void sendError(Exchange exchange, int status, String kind, String message, ObjectNode extra) {
        ObjectNode error = JSON.createObjectNode();
        error.put("error", kind);
        error.put("status", status);
        error.put("message", message);
        if (extra != null) {
            error.setAll(extra);
        }
        exchange.send(status, "application/json", bytes(error));
    }

    static void sendJson(Exchange exchange, int status, ObjectNode body) {
        exchange.send(status, "application/json", bytes(body));
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
