package dev.nebula.report;

import dev.nebula.results.Measurement;
import dev.nebula.results.RunInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Steady-state time per call against n, per function and runtime, log-log: where a runtime pays a factor or a fixed cost. */
record ScalingSection(Report report, RunInfo run) {
    static final String SWEEP = "java -jar target/benchmarks.jar SteadyState -p fn=fib -p n=1000,10000,100000,1000000,10000000";

    void write(HtmlPage page) {
        page.heading(2, "scaling", "Scaling: time per call against n");
        List<Measurement> steady = report.of(BenchmarkKind.STEADY);
        page.paragraph("note", "Steady-state time per call (the median iteration) against the function's input n, per runtime,"
                + " log-log. A line that runs parallel to java's is a runtime that pays a factor; one that flattens at small n is"
                + " one that pays a fixed cost per call (a process or container round trip); a dashed vertical line marks where"
                + " a round trip's time per call falls to an in-JVM runtime's. The default suite sweeps six log-spaced n per"
                + " function, from S's input to L's, on plain Java, one wasm runtime and one container, and measures the other"
                + " runtimes at S and L only; for another sweep, give explicit n values: <code>" + HtmlPage.escape(SWEEP)
                + "</code>, or for every function <code>-p n=S,M,L</code> plus numbers within each function's range (see the README).");
        Crossover crossover = new Crossover(steady);
        Map<String, Map<String, Double>> markers = new LinkedHashMap<>();
        crossover.pairs().stream().filter(p -> p.outcome() == Crossover.Outcome.CROSSES).forEach(p -> markers
                .computeIfAbsent(p.fn(), fn -> new LinkedHashMap<>()).put(p.roundTrip() + " = " + p.inJvm() + " at " + Crossover.formatN(p.crossoverN()), p.crossoverN()));
        List<String> svgs = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<String> flat = new ArrayList<>();
        crossover.lines().forEach((fn, lines) -> {
            long sizes = lines.values().stream().flatMap(line -> line.micros().keySet().stream()).distinct().count();
            if (sizes < 2) {
                flat.add(fn);
                return;
            }
            Map<String, Map<Double, Double>> series = new LinkedHashMap<>();
            lines.forEach((label, line) -> series.put(label, line.micros()));
            svgs.add(SvgCharts.lines("Time per call against n: " + fn, run.subtitle(), "n (log scale)",
                    "µs per call (log scale)", series, markers.getOrDefault(fn, Map.of())));
            captions.add(fn + ": " + sizes + " values of n.");
        });
        if (!svgs.isEmpty()) {
            page.charts(svgs, captions);
        }
        if (steady.isEmpty()) {
            page.paragraph("missing", "No SteadyState benchmark is in this run, so there is nothing to scale.");
            return;
        }
        if (!flat.isEmpty()) {
            page.paragraph("missing", "One value of n only, so no line, for: " + HtmlPage.escape(String.join(", ", flat))
                    + ". Run a sweep as above.");
        }
        new CrossoverTable(crossover).table(page);
    }
}
