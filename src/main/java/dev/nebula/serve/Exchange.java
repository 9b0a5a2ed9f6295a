package dev.nebula.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its answer, as the handlers see them: method, path, query, headers and a body read up to a limit,
 * then exactly one answer. The only place that knows Jetty's request, response and callback.
 */
final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private boolean answered;

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    /** The body was longer than the route takes: 413, and the connection is closed instead of reading the rest. */
    static final class BodyTooLarge extends Exception {
        BodyTooLarge(long limit) {
            super("the request body is larger than this endpoint's limit of " + limit + " bytes", null, false, false);
        }
    }

    String method() {
        return request.getMethod();
    }

    /** The path, still URL-encoded. */
    String rawPath() {
        return request.getHttpURI().getPath();
    }

    /** The query string, still URL-encoded; null when there is none. */
    String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    /** The header's first value, or null. */
    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The whole body, refused without reading it all when it is longer than {@code limit} bytes. */
    byte[] body(long limit) throws IOException, BodyTooLarge {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > limit) {
            throw new BodyTooLarge(limit);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new BodyTooLarge(limit);
            }
            return body;
        }
    }

    void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    boolean answered() {
        return answered;
    }

    /** The answer: status, type and body, never cached. A client that went away fails the callback, not the caller. */
    void send(int status, String contentType, byte[] body) {
        answered = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
