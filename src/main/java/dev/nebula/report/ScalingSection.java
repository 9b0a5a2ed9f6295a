package dev.nebula.report;

import dev.nebula.results.Measurement;
import dev.nebula.results.RunInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Steady-state time per call against n, per function and runtime, log-log: where a runtime pays a factor or a fixed cost. */
record ScalingSection(Report report, RunInfo run) {
    static final String SWEEP = "java -jar target/benchmarks.jar SteadyState -p fn=fib -p n=1000,10000,100000,1000000,10000000";

    void write(HtmlPage page) {
        page.heading(2, "scaling", "Scaling: time per call against n");
        List<Measurement> steady = report.of(BenchmarkKind.STEADY);
        page.paragraph("note", "Steady-state time per call (the median iteration) against the function's input n, per runtime,"
                + " log-log. A line that runs parallel to java's is a runtime that pays a factor; one that flattens at small n is"
                + " one that pays a fixed cost per call (a process or container round trip). The default suite runs the sizes S,"
                + " M and L; for a finer sweep, give explicit n values: <code>" + HtmlPage.escape(SWEEP) + "</code>, or for"
                + " every function <code>-p n=S,M,L</code> plus numbers within each function's range (see the README).");
        Map<String, Map<String, Map<Double, Double>>> byFn = new LinkedHashMap<>();
        for (Measurement m : steady) {
            double n = MetricMaths.numericN(m);
            double micros = 1e6 / MetricMaths.perSecond(m);
            if (Double.isFinite(n) && n > 0 && Double.isFinite(micros)) {
                byFn.computeIfAbsent(m.fn(), fn -> new LinkedHashMap<>())
                        .computeIfAbsent(HtmlReport.caseLabel(m), label -> new TreeMap<>()).put(n, micros);
            }
        }
        List<String> svgs = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<String> flat = new ArrayList<>();
        byFn.forEach((fn, series) -> {
            long sizes = series.values().stream().flatMap(points -> points.keySet().stream()).distinct().count();
            if (sizes < 2) {
                flat.add(fn);
                return;
            }
            svgs.add(SvgCharts.lines("Time per call against n: " + fn, run.subtitle(), "n (log scale)",
                    "µs per call (log scale)", series));
            captions.add(fn + ": " + sizes + " values of n.");
        });
        if (!svgs.isEmpty()) {
            page.charts(svgs, captions);
        }
        if (steady.isEmpty()) {
            page.paragraph("missing", "No SteadyState benchmark is in this run, so there is nothing to scale.");
        } else if (!flat.isEmpty()) {
            page.paragraph("missing", "One value of n only, so no line, for: " + HtmlPage.escape(String.join(", ", flat))
                    + ". Run a sweep as above.");
        }
    }
}
