package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.report.Crossover.Outcome;
import dev.nebula.report.Crossover.Pair;
import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Where a round trip's fixed cost stops mattering, on synthetic runs whose answer is known in closed form. */
class CrossoverTest {
    private static final String STAMP = "20270101T000000Z";
    /** Log-spaced about ×2.5 per step, with no point at 100, so the crossover has to be interpolated. */
    private static final List<Long> GRID = List.of(3L, 7L, 20L, 50L, 150L, 400L, 1000L);

    /** A steady-state case of fib at n whose time per call is {@code micros}. */
    private static Measurement steady(String runtime, long n, double micros) {
        double perSecond = 1e6 / micros;
        return new Measurement("dev.nebula.bench.SteadyState.invoke", "thrpt",
                Map.of("runtime", runtime, "fn", "fib", "n", Long.toString(n), "abi", "default"),
                new Metric(perSecond, 0, "ops/s", List.of(perSecond)), Map.of(), 1);
    }

    /** One runtime over the n given, its time per call in µs a function of n. */
    private static List<Measurement> line(String runtime, List<Long> grid, DoubleUnaryOperator micros) {
        return grid.stream().map(n -> steady(runtime, n, micros.applyAsDouble(n))).toList();
    }

    @SafeVarargs
    private static List<Measurement> run(List<Measurement>... lines) {
        List<Measurement> all = new ArrayList<>();
        for (List<Measurement> line : lines) {
            all.addAll(line);
        }
        return all;
    }

    private static Pair only(List<Pair> pairs, String name) {
        List<Pair> named = pairs.stream().filter(p -> p.name().equals(name)).toList();
        assertEquals(1, named.size(), "pairs: " + pairs.stream().map(Pair::name).toList());
        return named.getFirst();
    }

    @Test
    void aFixedCostOf100MicrosAgainst2MicrosPerNCrossesAtN100() {
        // runc: 100 µs + 1 µs·n; java: 2 µs·n. Equal at n = 100, which the grid does not hold.
        Pair pair = only(new Crossover(run(line("runc", GRID, n -> 100 + n), line("java", GRID, n -> 2 * n))).pairs(), "runc ÷ java");
        assertEquals(Outcome.CROSSES, pair.outcome());
        // The true curves are not straight in log-log between 50 and 150: the interpolation lands at 107.
        assertEquals(100, pair.crossoverN(), 10, "interpolated between n=50 and n=150");
        assertTrue(Double.isNaN(pair.slowerAgainN()), "never slower again: " + pair.slowerAgainN());
        assertEquals(103.0 / 6, pair.firstRatio(), 1e-9);
        assertEquals(1100.0 / 2000, pair.lastRatio(), 1e-9);
        // (100 + n) / 2n ≤ 1.25 from n ≥ 66.7: the first grid point is 150.
        assertEquals(150, pair.withinFrom());
        assertTrue(Crossover.verdict(pair).startsWith("n ≈ 10"), Crossover.verdict(pair));
    }

    @Test
    void aRoundTripThatNeverCatchesUpSaysHowFarBehindItIsAtTheLargestN() {
        List<Long> grid = List.of(10L, 1_000L, 100_000L, 1_000_000L);
        Pair pair = only(new Crossover(run(line("runc", grid, n -> 1000 + 2 * n), line("java", grid, n -> n))).pairs(), "runc ÷ java");
        assertEquals(Outcome.NEVER, pair.outcome());
        assertTrue(Double.isNaN(pair.crossoverN()));
        assertTrue(Double.isNaN(pair.withinFrom()), "2× behind is never within 1.25×");
        assertEquals("none up to n=1.00 M: runc is 2.00× java there", Crossover.verdict(pair));
    }

    @Test
    void fewerThanThreeCommonNGiveNoCrossoverAndSaySo() {
        List<Measurement> steady = run(line("runc", List.of(10L, 1_000L), n -> 100 + n), line("java", GRID, n -> 2 * n));
        Pair pair = only(new Crossover(steady).pairs(), "runc ÷ java");
        assertEquals(Outcome.TOO_FEW, pair.outcome());
        assertEquals(List.of(1000.0), pair.n(), "10 is not on java's grid");
        assertEquals("1 common n, fewer than 3: no crossover computed", Crossover.verdict(pair));
        String md = new CrossoverTable(new Crossover(steady)).markdown();
        assertTrue(md.startsWith("This run has too few n for a crossover"), md);
        assertTrue(!md.contains("÷ `java` |"), "no crossover row: " + md);
    }

    @Test
    void twoCommonNAreTooFewEvenWhenTheRatioFalls() {
        List<Long> two = List.of(3L, 1000L);
        Pair pair = only(new Crossover(run(line("process", two, n -> 100 + n), line("java", two, n -> 2 * n))).pairs(), "process ÷ java");
        assertEquals(Outcome.TOO_FEW, pair.outcome());
        assertTrue(Double.isNaN(pair.crossoverN()));
    }

    @Test
    void aRoundTripFasterAtEveryNHasNoCrossover() {
        Pair pair = only(new Crossover(run(line("runc", GRID, n -> n), line("java", GRID, n -> 2 * n))).pairs(), "runc ÷ java");
        assertEquals(Outcome.FASTER_THROUGHOUT, pair.outcome());
        assertEquals(3, pair.withinFrom());
    }

    @Test
    void pairsARoundTripWithEachInJvmRuntimeButNeverTwoOfAKind() {
        List<Pair> pairs = new Crossover(run(line("runc", GRID, n -> 100 + n), line("process", GRID, n -> 50 + n),
                line("java", GRID, n -> 2 * n), line("wasmtime", GRID, n -> 3 * n))).pairs();
        assertEquals(List.of("runc ÷ java", "runc ÷ wasmtime", "process ÷ java", "process ÷ wasmtime"), pairs.stream().map(Pair::name).toList());
    }

    @Test
    void theFixedCostShareIsTakenAgainstTheFastestInJvmRuntimeAtEachN() {
        Crossover crossover = new Crossover(run(line("runc", GRID, n -> 100 + n), line("java", GRID, n -> 2 * n),
                line("wasmtime", GRID, n -> 3 * n)));
        Crossover.Share share = crossover.shares().getFirst();
        assertEquals("runc", share.roundTrip());
        assertEquals(1 - 2.0 * 50 / 150, share.byN().get(50.0), 1e-9, "java, the faster, at n=50");
        assertTrue(share.byN().get(1000.0) < 0, "runc is faster than both at n=1000");
    }

    @Test
    void theMarkdownReportShowsTheTableOnceAndThePageUnderTheScalingCharts() {
        List<Measurement> steady = run(line("runc", GRID, n -> 100 + n), line("java", GRID, n -> 2 * n), line("wasmtime", GRID, n -> 3 * n));
        Report report = new Report(steady, null, STAMP);
        String md = new MarkdownReport(report).markdown();
        assertEquals(1, md.split("## Crossover", -1).length - 1, md);
        assertTrue(md.contains("| fib | `runc` ÷ `java` | n ≈ 107 | 17.2× (n=3) | 0.550× (n=1.00 k) | 150 |"), md);
        String page = new HtmlReport(report, new RunInfo(STAMP, null), List.of()).html();
        int scaling = page.indexOf("id=\"scaling\"");
        int table = page.indexOf("id=\"crossover-table\"");
        assertTrue(scaling >= 0 && table > scaling && page.indexOf("<svg", scaling) < table, "the table follows the scaling charts");
        assertTrue(page.contains("runc ÷ wasmtime"), "every pair is a row");
    }
}
