package dev.nebula.serve;

import static dev.nebula.serve.JsonResponses.JSON;
import static dev.nebula.serve.JsonResponses.sendError;
import static dev.nebula.serve.JsonResponses.sendJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT /functions/{name}} (the module), {@code PUT /functions/{name}/binary} (a native binary, with
 * {@code --allow-native} only), {@code GET} and {@code DELETE /functions/{name}}: the uploads, as {@link Uploads} keeps them.
 */
final class FunctionsHandler {
    /** The parameters of an upload: the check's n, and the runtimes to deploy on. */
    static final List<String> UPLOAD_PARAMETERS = List.of("check", "runtimes");
    static final long DEFAULT_CHECK_N = 1;

    private final Uploads uploads;

    FunctionsHandler(Uploads uploads) {
        this.uploads = uploads;
    }

    /** Whether a request to this path carries an upload's bytes: its body limit is {@code --max-module}. */
    static boolean isUpload(String method, String rawPath) {
        return method.equals("PUT") && rawPath.startsWith("/functions/");
    }

    /** @param target the path after {@code /functions/}, still URL-encoded */
    void handle(Exchange exchange, String method, String target, byte[] body) {
        String[] parts = target.split("/", -1);
        boolean binary = parts.length == 2 && parts[1].equals("binary");
        if (parts.length > 2 || (parts.length == 2 && !binary) || parts[0].isEmpty()) {
            sendError(exchange, 404, "not-found", "expected /functions/{name} or /functions/{name}/binary; endpoints: " + Routes.ENDPOINTS, null);
            return;
        }
        List<String> allowed = binary ? List.of("PUT") : List.of("PUT", "GET", "DELETE");
        if (!allowed.contains(method)) {
            exchange.setHeader("Allow", String.join(", ", allowed));
            sendError(exchange, 405, "method-not-allowed", method + " /functions/" + target + " takes " + String.join(" or ", allowed), null);
            return;
        }
        try {
            FunctionName name = new FunctionName(QueryParameters.decode(parts[0]));
            switch (method) {
                case "PUT" -> {
                    if (binary) {
                        QueryParameters.parse(exchange.rawQuery(), List.of());
                        sendJson(exchange, 200, entry(uploads.uploadBinary(name, body)));
                    } else {
                        Map<String, String> query = QueryParameters.parse(exchange.rawQuery(), UPLOAD_PARAMETERS);
                        long checkN = query.containsKey("check") ? QueryParameters.uploadInput(name.value(), query.get("check")) : DEFAULT_CHECK_N;
                        List<String> runtimes = Arrays.stream(query.getOrDefault("runtimes", "").split(","))
                                .map(String::strip).filter(id -> !id.isEmpty()).toList();
                        boolean replaced = uploads.get(name.value()) != null;
                        sendJson(exchange, replaced ? 200 : 201, entry(uploads.upload(name, body, checkN, runtimes)));
                    }
                }
                case "DELETE" -> {
                    QueryParameters.parse(exchange.rawQuery(), List.of());
                    uploads.remove(name);
                    sendJson(exchange, 200, JSON.createObjectNode().put("removed", name.value()));
                }
                default -> {
                    UploadedFunction function = uploads.get(name.value());
                    if (function == null) {
                        throw new UploadRejected(404, "not-found", "no upload named '" + name + "'; GET /functions lists them");
                    }
                    sendJson(exchange, 200, entry(function));
                }
            }
        } catch (InvalidInputException e) {
            sendError(exchange, 400, "bad-input", e.getMessage(), null);
        } catch (UploadRejected e) {
            if (e.status() == 503) {
                exchange.setHeader("Retry-After", "1");
            }
            sendError(exchange, e.status(), e.kind(), e.getMessage(), null);
        } catch (Refusal e) {
            Failure failure = Failure.of(e);
            exchange.setHeader("Retry-After", "1");
            sendError(exchange, failure.status(), failure.kind(), failure.message(), null);
        }
    }

    /** An upload as {@code GET /functions} lists it: name, module and binary with sha256 and size, runtimes, the check. */
    static ObjectNode entry(UploadedFunction function) {
        StoredFunction stored = function.stored();
        ObjectNode entry = JSON.createObjectNode();
        entry.put("id", stored.name().value());
        entry.put("sha256", stored.module().sha256());
        entry.put("size", stored.module().size());
        if (stored.binary() != null) {
            entry.putObject("binary").put("sha256", stored.binary().sha256()).put("size", stored.binary().size());
        }
        ArrayNode runtimes = entry.putArray("runtimes");
        function.runtimeIds().forEach(runtimes::add);
        entry.putObject("check").put("n", stored.checkN()).put("answer", stored.checkAnswer());
        return entry;
    }
}
