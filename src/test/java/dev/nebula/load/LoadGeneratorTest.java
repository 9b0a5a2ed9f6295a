package dev.nebula.load;

import dev.nebula.serve.Anchor;
import dev.nebula.serve.NebulaServer;
import dev.nebula.serve.ScriptedRuntime;
import dev.nebula.serve.ServeOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.FunctionHost;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The load generator tells right answers, wrong answers, refusals and errors apart, and ranks latencies exactly. */
class LoadGeneratorTest {

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = LongStream.rangeClosed(1, 1000).toArray();
        assertEquals(500, LoadGenerator.percentile(sorted, 0.50));
        assertEquals(990, LoadGenerator.percentile(sorted, 0.99));
        assertEquals(999, LoadGenerator.percentile(sorted, 0.999));
        assertEquals(7, LoadGenerator.percentile(new long[] {7}, 0.999));
        assertEquals(-1, LoadGenerator.percentile(new long[0], 0.5));
    }

    @Test
    void countsRightAnswersWrongAnswersAndRefusalsApart() throws Exception {
        Map<String, Supplier<FunctionHost>> runtimes = new LinkedHashMap<>();
        runtimes.put("right", () -> new ScriptedRuntime("right", (fn, n) -> fn.reference(n)));
        runtimes.put("wrong", () -> new ScriptedRuntime("wrong", (fn, n) -> fn.reference(n) ^ 1));
        runtimes.put("trapping", () -> new ScriptedRuntime("trapping", (fn, n) -> {
            throw new dev.nebula.TrapException("trap");
        }));
        runtimes.put("slow", () -> new ScriptedRuntime("slow", (fn, n) -> {
            Thread.sleep(50);
            return fn.reference(n);
        }));
        // One request at a time per runtime, nobody waits: 4 connections on the slow one must see refusals.
        ServeOptions options = ServeOptions.defaults().withPort(0).withLimits(1, 0, Duration.ofMillis(10), Duration.ofSeconds(10));
        String expected = CatalogFunction.FIB.format(CatalogFunction.FIB.reference(90));
        try (NebulaServer server = NebulaServer.start(options, runtimes);
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            LoadGenerator load = new LoadGenerator(client);
            Duration duration = Duration.ofMillis(400);
            LoadGenerator.CellResult right = load.run("right", "warm", server.uri().resolve("invoke/right/fib?n=90&start=warm"), expected, 1, duration);
            assertTrue(right.ok() > 0 && right.wrongAnswers() == 0 && right.errors() == 0 && right.refused() == 0, right::toString);
            assertTrue(right.p50Ms() > 0 && right.p50Ms() <= right.p99Ms() && right.p99Ms() <= right.p999Ms() && right.p999Ms() <= right.maxMs(), right::toString);

            LoadGenerator.CellResult wrong = load.run("wrong", "warm", server.uri().resolve("invoke/wrong/fib?n=90&start=warm"), expected, 1, duration);
            assertTrue(wrong.wrongAnswers() > 0 && wrong.ok() == 0 && wrong.errors() == 0, wrong::toString);

            LoadGenerator.CellResult trapping = load.run("trapping", "cold", server.uri().resolve("invoke/trapping/fib?n=90"), expected, 1, duration);
            assertTrue(trapping.errors() > 0 && trapping.ok() == 0 && trapping.wrongAnswers() == 0, trapping::toString);
            assertEquals(java.util.Set.of("422 trap"), trapping.errorKinds().keySet());

            // The anchor: the same stack answering a constant, no runtime; each of its answers is right.
            LoadGenerator.CellResult anchor = load.run(Anchor.PATH, "warm", server.uri().resolve(Anchor.PATH), Anchor.RESULT, 2, duration);
            assertTrue(anchor.ok() > 0 && anchor.errors() == 0 && anchor.wrongAnswers() == 0, anchor::toString);

            LoadGenerator.CellResult slow = load.run("slow", "cold", server.uri().resolve("invoke/slow/fib?n=90"), expected, 4, duration);
            assertTrue(slow.refused() > 0 && slow.ok() > 0 && slow.errors() == 0 && slow.wrongAnswers() == 0, slow::toString);
        }
    }
}
