package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ladder from descriptors' kinds: rungs ordered by measured median, each wasm runtime's ratio to each rung. */
class LadderTest {
    /** Ids no build registers: the rungs come from kinds, never from a list of names. */
    private static final Map<String, Kind> KINDS = Map.of("rung-slow", Kind.CONTAINER, "rung-fast", Kind.CONTAINER,
            "floor", Kind.PROCESS, "wasm-a", Kind.IN_JVM, "plain", Kind.IN_JVM);

    private static Measurement cold(String runtime, double medianMicros, long count, Map<String, Metric> secondary) {
        Map<String, Double> percentiles = Map.of("50.0", medianMicros, "90.0", 2 * medianMicros, "99.0", 3 * medianMicros,
                "100.0", 4 * medianMicros);
        Metric metric = new Metric(medianMicros, 1, "us/op", List.of(medianMicros), percentiles, List.of(medianMicros), count);
        return new Measurement("dev.nebula.bench.ColdStartWarmHost.coldInvoke", "sample",
                Map.of("runtime", runtime, "fn", "fib", "n", "S", "abi", "default"), metric, secondary, 1);
    }

    private static Ladder ladder() {
        Metric attributed = new Metric(150, 1, "us/op", List.of(150.0));
        Metric machine = new Metric(170, 1, "us/op", List.of(170.0));
        Report report = new Report(List.of(
                cold("rung-slow", 200_000, 91, Map.of(Ladder.ATTRIBUTED, attributed, "cpu.machine", machine)),
                cold("wasm-a", 10, 5000, Map.of("cpu.machine", machine)),
                cold("floor", 1_000, 5000, Map.of()),
                cold("plain", 1, 5000, Map.of()),
                cold("rung-fast", 20_000, 5000, Map.of())), null, "20270101T000000Z");
        return new Ladder(report, id -> Optional.ofNullable(KINDS.get(id)), id -> id.startsWith("wasm"));
    }

    @Test
    void rungsAreEveryContainerAndTheProcessInOrderOfTheirMedian() {
        assertEquals(List.of("floor", "rung-fast", "rung-slow"), ladder().rungs().stream().map(e -> e.m().runtime()).toList());
        assertEquals(List.of("wasm-a"), ladder().wasm().stream().map(e -> e.m().runtime()).toList());
    }

    @Test
    void eachWasmRuntimeHasItsRatioToEachRungAndCpuSaysWhichFigure() {
        Ladder ladder = ladder();
        assertEquals(2000, Ladder.ratio(ladder.rungs().get(1), ladder.wasm().getFirst()), 1e-9);
        String md = ladder.markdown();
        assertTrue(md.contains("| ÷ floor | ÷ rung-fast | ÷ rung-slow |"), md);
        assertTrue(md.contains("| 100× | 2000× | 20000× |"), md);
        assertTrue(md.contains("(cpu.attributed)") && md.contains("170 µs (cpu.machine)"), md);
        assertTrue(md.contains("max of 91 800 ms"), "a rung of 91 samples shows its max, not a p99: " + md);
    }

    @Test
    void thePageShowsTheLadderChartAndTable() {
        HtmlPage page = new HtmlPage("t");
        ladder().write(page, dev.nebula.results.RunInfo.of(LargeRun.COMMITTED));
        String html = page.html();
        assertTrue(html.contains("id=\"ladder-table\"") && html.contains("<svg"), "chart and table");
    }
}
