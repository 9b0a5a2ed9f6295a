package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Runtimes;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A real server on a free port over the real registry: answers, listings, and every bad input, after which it stays up. */
class NebulaServerTest {
    private static NebulaServer server;
    private static ServerClient client;

    @BeforeAll
    static void start() throws Exception {
        server = NebulaServer.start(ServeOptions.defaults().withPort(0));
        client = new ServerClient(server);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cold", "warm"})
    void answersFib90WithTheReferenceAndThePhases(String start) {
        ServerClient.Answer answer = client.post("invoke/java/fib?n=90&start=" + start);
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("2880067194370816120", answer.text("result"));
        assertEquals("2880067194370816120", answer.text("expected"));
        assertTrue(answer.json().path("check").path("equal").asBoolean());
        List<String> phases = new ArrayList<>();
        answer.json().path("timings").path("phases").forEach(phase -> phases.add(phase.path("name").asText()));
        assertTrue(start.equals("cold") ? phases.equals(List.of("start", "invoke", "close")) : phases.contains("invoke"), phases::toString);
        double sum = 0;
        for (JsonNode phase : answer.json().path("timings").path("phases")) {
            sum += phase.path("us").asDouble();
        }
        // The phases add up to the total (each is rounded to 0.1 µs).
        assertEquals(answer.json().path("timings").path("totalUs").asDouble(), sum, 0.1 * phases.size() + 1e-9);
    }

    @Test
    void sizeLabelsAndDoublesAnswerAsTheCatalogFormatsThem() {
        ServerClient.Answer answer = client.post("invoke/chicory-compiler/exp?n=S&start=warm");
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(CatalogFunction.EXP.format(CatalogFunction.EXP.reference(709)), answer.text("result"));
        assertEquals(709, answer.json().path("n").asLong());
    }

    @Test
    void listsEveryRegisteredRuntimeAndEveryFunctionWithItsRange() {
        ServerClient.Answer runtimes = client.get("runtimes");
        assertEquals(200, runtimes.status());
        List<String> ids = new ArrayList<>();
        runtimes.json().path("runtimes").forEach(runtime -> ids.add(runtime.path("id").asText()));
        assertEquals(Runtimes.ids(), ids);
        ServerClient.Answer functions = client.get("functions");
        List<String> fns = new ArrayList<>();
        functions.json().path("functions").forEach(fn -> fns.add(fn.path("id").asText()));
        assertEquals(CatalogFunction.ids(), fns);
        assertEquals("0 ≤ n ≤ 40", functions.json().path("functions").get(1).path("validRange").asText());
        assertEquals(200, client.get("health").status());
        assertTrue(client.get("").response().body().contains("<form id=\"invoke\">"));
    }

    @Test
    void unknownRuntimeIs400ListingTheValidOnes() {
        ServerClient.Answer answer = client.post("invoke/wasmer/fib?n=1");
        assertBadInput(answer, "unknown runtime 'wasmer'; valid: " + String.join(", ", Runtimes.ids()));
        assertEquals(Runtimes.ids().size(), answer.json().path("runtimes").size());
    }

    @Test
    void unknownFunctionIs400ListingTheValidOnes() {
        ServerClient.Answer answer = client.post("invoke/java/fibonacci?n=1");
        assertBadInput(answer, "unknown fn 'fibonacci'; valid: " + String.join(", ", CatalogFunction.ids()));
    }

    @Test
    void nOutOfRangeIs400NamingTheRange() {
        assertBadInput(client.post("invoke/java/fib-rec?n=41"), "n=41 is out of range for fib-rec; valid: 0 ≤ n ≤ 40");
        assertBadInput(client.post("invoke/java/prime?n=0"), "n=0 is out of range for prime; valid: 1 ≤ n ≤ 1000000");
    }

    @Test
    void nNotANumberOrMissingIs400SayingWhatAnNIs() {
        assertBadInput(client.post("invoke/java/fib?n=ten"), "n for fib must be a whole number in 0 ≤ n ≤ 1000000000 or a size label S, M or L; got 'ten'");
        assertBadInput(client.post("invoke/java/fib"), "n is required: a whole number in 0 ≤ n ≤ 1000000000 or a size label S, M or L");
    }

    @Test
    void unknownStartOrParameterIs400NamingTheValidOnes() {
        assertBadInput(client.post("invoke/java/fib?n=1&start=lukewarm"), "unknown start 'lukewarm'; valid: cold, warm");
        assertBadInput(client.post("invoke/java/fib?n=1&runs=3"), "unknown parameter 'runs'; valid: n, start");
    }

    @Test
    void idsHaveOneSpellingTrimmedAndLowerCase() {
        ServerClient.Answer answer = client.post("invoke/%20JAVA%20/Fib?n=%20s%20&start=WARM");
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("java", answer.text("runtime"));
        assertEquals("fib", answer.text("fn"));
        assertEquals("warm", answer.text("start"));
    }

    @Test
    void onlyAsciiDigitsAreANumber() {
        // ٣ is ARABIC-INDIC DIGIT THREE: Long.parseLong reads it as 3.
        assertBadInput(client.post("invoke/java/fib?n=%D9%A3"),
                "n for fib must be a whole number in 0 ≤ n ≤ 1000000000 or a size label S, M or L, in ASCII digits; got '٣'");
    }

    @Test
    void anOverlongValueIsQuotedShortInTheAnswer() {
        String name = "r".repeat(5_000);
        ServerClient.Answer runtime = client.post("invoke/" + name + "/fib?n=1");
        assertEquals(400, runtime.status());
        assertTrue(runtime.text("message").startsWith("unknown runtime '" + "r".repeat(Echo.MAX) + "… (5000 characters)'"), runtime::toString);
        assertTrue(runtime.text("message").length() < 400, runtime::toString);
        ServerClient.Answer fn = client.post("invoke/java/" + name + "?n=1");
        assertTrue(fn.text("message").length() < 400, fn::toString);
        ServerClient.Answer n = client.post("invoke/java/fib?n=" + "9".repeat(5_000));
        assertTrue(n.text("message").length() < 400, n::toString);
        // A URL beyond the header limit is refused by the server itself.
        assertEquals(414, client.post("invoke/" + "r".repeat(100_000) + "/fib?n=1").status());
        assertStillServing();
    }

    @Test
    void wrongMethodIs405WithAllow() {
        ServerClient.Answer get = client.get("invoke/java/fib?n=1");
        assertEquals(405, get.status(), get::toString);
        assertEquals("POST", get.response().headers().firstValue("Allow").orElseThrow());
        ServerClient.Answer delete = client.send(HttpRequest.newBuilder(server.uri().resolve("runtimes")).DELETE());
        assertEquals(405, delete.status(), delete::toString);
        assertEquals("GET", delete.response().headers().firstValue("Allow").orElseThrow());
        assertStillServing();
    }

    @Test
    void unknownPathIs404NamingTheEndpoints() {
        ServerClient.Answer answer = client.get("invoke/java");
        assertEquals(404, answer.status());
        assertTrue(answer.text("message").contains(Routes.ENDPOINTS), answer::toString);
        assertEquals(404, client.get("metrics").status());
    }

    /** 200 requests over 16 threads, warm, each with its own n: every one answered, every answer right. */
    @ParameterizedTest
    @ValueSource(strings = {"java", "chicory-compiler"})
    void aBurstOfConcurrentRequestsLosesNoneAndAnswersEachRight(String runtime) throws Exception {
        int requests = 200;
        List<Future<ServerClient.Answer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < requests; i++) {
                long n = 1_000 + i;
                answers.add(threads.submit(() -> client.post("invoke/" + runtime + "/fib?n=" + n + "&start=warm")));
            }
        }
        for (int i = 0; i < requests; i++) {
            ServerClient.Answer answer = answers.get(i).get();
            assertEquals(200, answer.status(), answer::toString);
            assertEquals(1_000 + i, answer.json().path("n").asLong());
            assertEquals(CatalogFunction.FIB.format(CatalogFunction.FIB.reference(1_000 + i)), answer.text("result"));
        }
        // The pool never holds more instances than the per-runtime limit.
        for (JsonNode entry : client.get("runtimes").json().path("runtimes")) {
            if (entry.path("id").asText().equals(runtime)) {
                assertTrue(entry.path("idleInstances").asInt() <= ServeOptions.defaults().maxConcurrent(), entry::toString);
            }
        }
    }

    private static void assertBadInput(ServerClient.Answer answer, String message) {
        assertEquals(400, answer.status(), answer::toString);
        assertEquals("bad-input", answer.text("error"));
        assertEquals(message, answer.text("message"));
        assertStillServing();
    }

    private static void assertStillServing() {
        assertEquals("2880067194370816120", client.post("invoke/java/fib?n=90").text("result"));
    }
}
