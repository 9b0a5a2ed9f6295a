package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvocationTimeoutException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.TrapException;
import dev.nebula.runtime.FunctionHost;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Traps, timeouts, wrong answers, a runtime that cannot run, overload and shutdown, each provoked by a scripted runtime. */
class ServerFaultsTest {
    private static final ServeOptions TEST_OPTIONS = ServeOptions.defaults().withPort(0);

    private static NebulaServer start(ServeOptions options, ScriptedRuntime... runtimes) throws Exception {
        Map<String, Supplier<FunctionHost>> byId = new LinkedHashMap<>();
        for (ScriptedRuntime runtime : runtimes) {
            byId.put(runtime.id(), () -> runtime);
        }
        return NebulaServer.start(options, byId);
    }

    @Test
    void aTrapIs422WithItsReasonAndTheServerStaysUp() throws Exception {
        ScriptedRuntime trapping = new ScriptedRuntime("trapping", (fn, n) -> {
            throw new TrapException("wasm trap: unreachable");
        });
        ScriptedRuntime right = new ScriptedRuntime("right", (fn, n) -> fn.reference(n));
        try (NebulaServer server = start(TEST_OPTIONS, trapping, right); ServerClient client = new ServerClient(server)) {
            for (String start : List.of("cold", "warm")) {
                ServerClient.Answer answer = client.post("invoke/trapping/fib?n=5&start=" + start);
                assertEquals(422, answer.status(), answer::toString);
                assertEquals("trap", answer.text("error"));
                assertEquals("wasm trap: unreachable", answer.text("message"));
            }
            assertEquals(200, client.post("invoke/right/fib?n=5&start=warm").status());
            assertEquals(200, client.get("health").status());
        }
        // The warm instance that trapped was not put back: closed at once.
        assertEquals(trapping.instancesStarted.get(), trapping.instancesClosed.get());
    }

    @Test
    void aRuntimeTimeoutIs504() throws Exception {
        ScriptedRuntime slow = new ScriptedRuntime("slow", (fn, n) -> {
            throw new InvocationTimeoutException("slow fib " + n, Duration.ofMillis(10));
        });
        try (NebulaServer server = start(TEST_OPTIONS, slow); ServerClient client = new ServerClient(server)) {
            ServerClient.Answer answer = client.post("invoke/slow/fib?n=5&start=warm");
            assertEquals(504, answer.status(), answer::toString);
            assertEquals("timeout", answer.text("error"));
            assertEquals(new InvocationTimeoutException("slow fib 5", Duration.ofMillis(10)).getMessage(), answer.text("message"));
        }
    }

    @Test
    void aRequestOverTheServersTimeoutIs504AndStillHoldsItsSlotUntilItEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedRuntime hanging = new ScriptedRuntime("hanging", (fn, n) -> {
            release.await();
            return fn.reference(n);
        });
        ServeOptions options = TEST_OPTIONS.withLimits(1, 0, Duration.ofMillis(50), Duration.ofMillis(200));
        try (NebulaServer server = start(options, hanging); ServerClient client = new ServerClient(server)) {
            ServerClient.Answer answer = client.post("invoke/hanging/fib?n=5&start=warm");
            assertEquals(504, answer.status(), answer::toString);
            assertEquals("hanging fib 5 (warm) did not finish within the request timeout of 200 ms", answer.text("message"));
            // The hung invocation still runs: the one slot is taken, so the next request is refused, not piled up.
            assertEquals("overloaded", client.post("invoke/hanging/fib?n=5&start=warm").text("error"));
            release.countDown();
            awaitStatus(client, "invoke/hanging/fib?n=5&start=warm", 200);
        }
    }

    @Test
    void aWrongAnswerIs500WithBothValuesNeverASuccess() throws Exception {
        ScriptedRuntime wrong = new ScriptedRuntime("off-by-one", (fn, n) -> fn.reference(n) + 1);
        try (NebulaServer server = start(TEST_OPTIONS, wrong); ServerClient client = new ServerClient(server)) {
            ServerClient.Answer answer = client.post("invoke/off-by-one/fib?n=90&start=cold");
            assertEquals(500, answer.status(), answer::toString);
            assertEquals("wrong-answer", answer.text("error"));
            assertEquals("2880067194370816121", answer.text("result"));
            assertEquals("2880067194370816120", answer.text("expected"));
            assertTrue(answer.text("message").contains("the reference is 2880067194370816120"), answer::toString);
        }
    }

    @Test
    void aRuntimeThatCannotRunHereIs503WithItsMessage() throws Exception {
        ScriptedRuntime missing = new ScriptedRuntime("dockerless", (fn, n) -> fn.reference(n),
                new RuntimeUnavailableException("no Docker engine answers; start one with: bash scripts/docker-up.sh"));
        try (NebulaServer server = start(TEST_OPTIONS, missing); ServerClient client = new ServerClient(server)) {
            ServerClient.Answer answer = client.post("invoke/dockerless/fib?n=5");
            assertEquals(503, answer.status(), answer::toString);
            assertEquals("unavailable", answer.text("error"));
            assertEquals("no Docker engine answers; start one with: bash scripts/docker-up.sh", answer.text("message"));
            assertEquals(200, client.get("health").status());
        }
    }

    @Test
    void anOverloadIsRefusedWith503WhileTheAdmittedRequestCompletes() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedRuntime tiny = new ScriptedRuntime("tiny", (fn, n) -> {
            entered.countDown();
            release.await();
            return fn.reference(n);
        });
        // One slot, nobody may wait for it.
        ServeOptions options = TEST_OPTIONS.withLimits(1, 0, Duration.ofMillis(100), Duration.ofSeconds(30));
        try (NebulaServer server = start(options, tiny); ServerClient client = new ServerClient(server)) {
            CompletableFuture<ServerClient.Answer> admitted = CompletableFuture.supplyAsync(() -> client.post("invoke/tiny/fib?n=7&start=cold"));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 5; i++) {
                ServerClient.Answer refused = client.post("invoke/tiny/fib?n=7&start=cold");
                assertEquals(503, refused.status(), refused::toString);
                assertEquals("overloaded", refused.text("error"));
                assertEquals("1", refused.response().headers().firstValue("Retry-After").orElseThrow());
            }
            release.countDown();
            ServerClient.Answer answer = admitted.get(10, TimeUnit.SECONDS);
            assertEquals(200, answer.status(), answer::toString);
            assertEquals("13", answer.text("result"));
        }
    }

    @Test
    void aShortQueueLetsAWaitingRequestThroughOnceASlotFrees() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedRuntime queued = new ScriptedRuntime("queued", (fn, n) -> {
            entered.countDown();
            release.await(200, TimeUnit.MILLISECONDS);
            return fn.reference(n);
        });
        ServeOptions options = TEST_OPTIONS.withLimits(1, 1, Duration.ofSeconds(20), Duration.ofSeconds(30));
        try (NebulaServer server = start(options, queued); ServerClient client = new ServerClient(server)) {
            CompletableFuture<ServerClient.Answer> first = CompletableFuture.supplyAsync(() -> client.post("invoke/queued/fib?n=7"));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            ServerClient.Answer second = client.post("invoke/queued/fib?n=8");
            assertEquals(200, second.status(), second::toString);
            assertEquals(200, first.get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void closeDrainsTheRequestInFlightWithHealth503ThenClosesEveryInstanceAndTheDeployment() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedRuntime draining = new ScriptedRuntime("draining", (fn, n) -> {
            if (n == 9) {
                entered.countDown();
                release.await();
            }
            return fn.reference(n);
        });
        NebulaServer server = start(TEST_OPTIONS, draining);
        ServerClient client = new ServerClient(server);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.post("invoke/draining/fib?n=5&start=warm").status());
        }
        CompletableFuture<ServerClient.Answer> inFlight = CompletableFuture.supplyAsync(() -> client.post("invoke/draining/fib?n=9&start=warm"));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        Thread.sleep(300); // the close is under way and waits for the request in flight
        // Draining: the listener is still open, /health says so, and a new request is refused, not run.
        ServerClient.Answer health = client.get("health");
        assertEquals(503, health.status(), health::toString);
        assertEquals("shutting-down", health.text("error"));
        assertEquals("shutting-down", client.post("invoke/draining/fib?n=5&start=warm").text("error"));
        release.countDown();
        ServerClient.Answer answer = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("34", answer.text("result"));
        closing.get(30, TimeUnit.SECONDS);
        assertEquals(draining.instancesStarted.get(), draining.instancesClosed.get());
        assertTrue(draining.instancesStarted.get() >= 1);
        assertEquals(1, draining.deploymentsClosed.get());
        // Stopped accepting: a new connection is refused.
        assertThrows(UncheckedIOException.class, () -> client.get("health"));
        client.close();
    }

    private static void awaitStatus(ServerClient client, String path, int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ServerClient.Answer answer;
        do {
            answer = client.post(path);
            if (answer.status() == status) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + status + ", last answer " + answer);
    }
}
