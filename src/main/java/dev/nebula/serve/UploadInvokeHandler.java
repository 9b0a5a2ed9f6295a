package dev.nebula.serve;

import static dev.nebula.serve.JsonResponses.JSON;
import static dev.nebula.serve.JsonResponses.sendError;
import static dev.nebula.serve.JsonResponses.sendJson;
import static dev.nebula.serve.JsonResponses.valid;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.InvalidInputException;
import dev.nebula.UnknownIdException;
import java.util.Map;

/**
 * {@code POST /invoke/{runtime}/{name}?n=...&start=cold|warm} for an upload: as for a built-in, but the answer is
 * text, and its reference is the answer recorded at upload for the check's n, or the first answer seen for any other n.
 */
final class UploadInvokeHandler {

    void handle(Exchange exchange, RuntimeHost host, UploadedFunction function) {
        String runtimeId = host.runtime().id();
        String name = function.stored().name().value();
        if (!function.deployedOn(runtimeId)) {
            sendError(exchange, 400, "bad-input", name + " is not deployed on " + runtimeId + "; it is on: "
                    + String.join(", ", function.runtimeIds()), valid("runtimes", function.runtimeIds()));
            return;
        }
        long n;
        StartMode start;
        try {
            Map<String, String> query = QueryParameters.parse(exchange.rawQuery());
            if (query.get("n") == null) {
                throw new InvalidInputException("n is required: a whole number 0 ≤ n ≤ " + Long.MAX_VALUE);
            }
            n = QueryParameters.uploadInput(name, query.get("n"));
            start = StartMode.byId(query.getOrDefault("start", StartMode.COLD.id()));
        } catch (InvalidInputException | UnknownIdException e) {
            sendError(exchange, 400, "bad-input", e.getMessage(), null);
            return;
        }
        UploadInvocation invocation;
        try {
            invocation = host.admitted(name + " " + n + " (" + start.id() + ")", queueNanos -> function.run(runtimeId, n, start, queueNanos));
        } catch (Exception e) {
            Failure failure = Failure.of(e);
            if (failure.status() == 500) {
                System.err.println("nebula serve: " + runtimeId + " " + name + " " + n + " failed:");
                e.printStackTrace();
            }
            if (failure.status() == 503) {
                exchange.setHeader("Retry-After", "1");
            }
            sendError(exchange, failure.status(), failure.kind(), failure.message(), null);
            return;
        }
        FirstAnswers.Expected expected = function.answers().expected(n, invocation.answer());
        boolean equal = expected.answer().equals(invocation.answer());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("runtime", runtimeId);
        answer.put("fn", name);
        answer.put("n", n);
        answer.put("start", start.id());
        answer.put("result", invocation.answer());
        answer.put("expected", expected.answer());
        ObjectNode check = answer.putObject("check");
        check.put("reference", n == function.stored().checkN() ? "upload" : expected.firstSeen() ? "this-answer" : "first-answer");
        check.put("equal", equal);
        ObjectNode timings = answer.putObject("timings");
        ArrayNode phases = timings.putArray("phases");
        for (Invocation.Phase phase : invocation.phases()) {
            phases.addObject().put("name", phase.name()).put("us", InvokeHandler.micros(phase.nanos()));
        }
        timings.put("totalUs", InvokeHandler.micros(invocation.totalNanos()));
        timings.put("queueUs", InvokeHandler.micros(invocation.queueNanos()));
        timings.put("deployUs", 0.0);
        timings.put("freshInstance", invocation.freshInstance());
        if (!equal) {
            answer.put("error", "wrong-answer");
            answer.put("status", 500);
            answer.put("message", runtimeId + " answered '" + invocation.answer() + "' for " + name + "(" + n
                    + "), the first answer recorded for that n is '" + expected.answer() + "'");
            sendJson(exchange, 500, answer);
            return;
        }
        sendJson(exchange, 200, answer);
    }
}
