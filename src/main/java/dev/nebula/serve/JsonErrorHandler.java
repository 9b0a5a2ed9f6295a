package dev.nebula.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives before a request reaches {@link Routes} (headers too large: 431, request line too long: 414,
 * a malformed request: 400) in the same JSON shape as every other error, and never with a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        ObjectNode error = JsonResponses.JSON.createObjectNode();
        error.put("error", kind(status));
        error.put("status", status);
        error.put("message", message == null || message.isBlank() ? HttpStatus.getMessage(status) : message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(JsonResponses.bytes(error)), callback);
    }

    private static String kind(int status) {
        return switch (status) {
            case 413 -> "too-large";
            case 414 -> "uri-too-long";
            case 431 -> "headers-too-large";
            default -> status >= 500 ? "internal" : "bad-request";
        };
    }
}
