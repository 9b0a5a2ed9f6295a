package dev.nebula.serve;

import static dev.nebula.serve.JsonResponses.JSON;
import static dev.nebula.serve.JsonResponses.sendError;
import static dev.nebula.serve.JsonResponses.sendJson;
import static dev.nebula.serve.JsonResponses.valid;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.InvalidInputException;
import dev.nebula.UnknownIdException;
import dev.nebula.function.CatalogFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /invoke/{runtime}/{fn}?n=...&start=cold|warm}: runs the function on the runtime's host, checks the
 * answer against the Java reference and returns both with the server-side timings. A wrong answer is never a success.
 */
final class InvokeHandler {
    private final Map<String, RuntimeHost> hosts;
    private final Uploads uploads;
    private final References references = new References();
    private final UploadInvokeHandler uploadInvoke = new UploadInvokeHandler();

    InvokeHandler(Map<String, RuntimeHost> hosts, Uploads uploads) {
        this.hosts = hosts;
        this.uploads = uploads;
    }

    /** @param target the path after {@code /invoke/}: {@code {runtime}/{fn}}, still URL-encoded */
    void handle(Exchange exchange, String target) {
        String[] parts = target.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            sendError(exchange, 404, "not-found", "expected /invoke/{runtime}/{fn}; endpoints: " + Routes.ENDPOINTS, null);
            return;
        }
        String runtimeId = QueryParameters.id(parts[0]);
        RuntimeHost host = hosts.get(runtimeId);
        if (host == null) {
            UnknownIdException e = new UnknownIdException("runtime", Echo.of(runtimeId), hosts.keySet());
            sendError(exchange, 400, "bad-input", e.getMessage(), valid("runtimes", hosts.keySet()));
            return;
        }
        String functionId = QueryParameters.id(parts[1]);
        UploadedFunction upload = uploads.get(functionId);
        if (upload != null) {
            uploadInvoke.handle(exchange, host, upload);
            return;
        }
        CatalogFunction function;
        try {
            function = CatalogFunction.byId(functionId);
        } catch (UnknownIdException e) {
            List<String> ids = new ArrayList<>(CatalogFunction.ids());
            uploads.all().forEach(uploaded -> ids.add(uploaded.stored().name().value()));
            sendError(exchange, 400, "bad-input", new UnknownIdException("fn", Echo.of(functionId), ids).getMessage(), valid("functions", ids));
            return;
        }
        long n;
        StartMode start;
        try {
            Map<String, String> query = QueryParameters.parse(exchange.rawQuery());
            n = input(function, query.get("n"));
            String startId = query.getOrDefault("start", StartMode.COLD.id()).strip().toLowerCase(Locale.ROOT);
            start = StartMode.byId(Echo.of(startId));
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
                exchange.setHeader("Retry-After", "1");
            }
            sendError(exchange, failure.status(), failure.kind(), failure.message(), null);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // the thread ends with this answer; keep its state honest
            }
            return;
        }
        long expected = references.of(function, n);
        ObjectNode answer = answer(runtimeId, function, n, start, invocation, expected);
        if (invocation.bits() != expected) {
            answer.put("error", "wrong-answer");
            answer.put("status", 500);
            answer.put("message", runtimeId + " answered " + function.format(invocation.bits()) + " for " + function.id()
                    + "(" + n + "), the reference is " + function.format(expected));
            sendJson(exchange, 500, answer);
            return;
        }
        sendJson(exchange, 200, answer);
    }

    /**
     * n as a number or a size label. Only ASCII digits make a number (Java's parser also reads {@code ٣} as 3), and
     * an overlong value is refused before it is quoted back.
     */
    private static long input(CatalogFunction function, String text) {
        String what = "a whole number in " + function.validRange() + " or a size label S, M or L";
        if (text == null) {
            throw new InvalidInputException("n is required: " + what);
        }
        if (text.length() > Echo.MAX || !text.chars().allMatch(c -> c < 0x80)) {
            throw new InvalidInputException("n for " + function.id() + " must be " + what + ", in ASCII digits; got '" + Echo.of(text) + "'");
        }
        return function.input(text);
    }

    private static ObjectNode answer(String runtimeId, CatalogFunction function, long n, StartMode start,
                                     Invocation invocation, long expected) {
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
        return answer;
    }

    private static String bitsHex(long bits) {
        return String.format("0x%016x", bits);
    }

    /** Microseconds with 0.1 µs resolution. */
    static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
