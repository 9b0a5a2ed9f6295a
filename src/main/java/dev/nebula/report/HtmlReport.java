package dev.nebula.report;

import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.ResultsCheck;
import dev.nebula.results.RunInfo;
import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.report.HtmlPage.Cell;
import dev.nebula.report.SvgCharts.Whisker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run's page, {@code <stamp>.html}: cold starts as medians with p90/p99 whiskers, steady state relative to plain
 * Java with the forks' spread, scaling over n, Docker's phases, the resources table and the thesis's table. Every
 * section says what it shows, and what is missing from the run when its benchmark or metric is absent.
 */
final class HtmlReport {
    static final String SWEEP = "java -jar target/benchmarks.jar SteadyState -p fn=fib -p n=1000,10000,100000,1000000,10000000";

    private final Report report;
    private final RunInfo run;
    private final List<String> problems;
    private final Resources resources;

    /** @param problems what the results check found missing or broken: shown at the top, never hidden */
    HtmlReport(Report report, RunInfo run, List<String> problems) {
        this.report = report;
        this.run = run;
        this.problems = problems;
        this.resources = new Resources(report, run);
    }

    String html() {
        HtmlPage page = new HtmlPage("Nebula run " + run.stamp());
        header(page);
        coldStart(page);
        steadyState(page);
        scaling(page);
        phases(page);
        resources.table(page);
        new ThesisTable(report, resources, run).write(page);
        page.heading(2, "files", "Files and tools");
        page.paragraph("", "Beside this page: <code>" + HtmlPage.escape(run.stamp()) + ".json</code> (JMH's own JSON), <code>"
                + HtmlPage.escape(run.stamp()) + ".env.json</code> (the machine and what the run planned), <code>.md</code> and <code>.csv</code>"
                + " (every metric of every case). Compare two runs with <code>java -cp target/benchmarks.jar dev.nebula.report.Report"
                + " --compare A.json B.json</code>. The JSON also loads into JMH Visualizer (jmh.morethan.io); see the README.");
        return page.html();
    }

    // ---- header ----

    private void header(HtmlPage page) {
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(HtmlPage.row(Cell.text("machine"), Cell.text(run.machine())));
        rows.add(HtmlPage.row(Cell.text("JDK"), Cell.text(run.jdk())));
        rows.add(HtmlPage.row(Cell.text("git commit"), Cell.text(run.commit())));
        if (run.hasSidecar()) {
            long seconds = run.env().path("run").path("durationSeconds").asLong();
            rows.add(HtmlPage.row(Cell.text("suite duration"), Cell.text(seconds / 60 + " min " + seconds % 60 + " s")));
            rows.add(HtmlPage.row(Cell.text("Docker"), Cell.text(run.env().path("docker").path("server").asText("none"))));
        }
        page.table("run", List.of("run", run.stamp()), rows);
        if (run.quick()) {
            page.paragraph("warn", "Quick run: a smoke test. Its numbers are not for comparison.");
        }
        List<String> missing = new ArrayList<>();
        if (!run.hasSidecar()) {
            missing.add("no sidecar " + run.stamp() + ".env.json: machine, JDK, artifact sizes and the run's plan are unknown");
        }
        for (BenchmarkKind kind : List.of(BenchmarkKind.WARM_HOST, BenchmarkKind.SCALE_FROM_ZERO, BenchmarkKind.DEPLOY,
                BenchmarkKind.STEADY, BenchmarkKind.DENSITY)) {
            if (report.of(kind).isEmpty()) {
                missing.add(kind.title + " (" + kind.meaning + "): not in this run");
            }
        }
        missing.addAll(problems);
        if (!missing.isEmpty()) {
            page.raw("<div class=\"missing\" id=\"missing\"><strong>Missing from this run</strong> (the sections below show what there is):");
            page.list("", missing.size() > 40 ? withTail(missing, 40) : missing);
            page.raw("</div>");
        }
    }

    private static List<String> withTail(List<String> items, int keep) {
        List<String> shown = new ArrayList<>(items.subList(0, keep));
        shown.add("… and " + (items.size() - keep) + " more (ResultsCheck lists them all)");
        return shown;
    }

    // ---- cold start ----

    private void coldStart(HtmlPage page) {
        page.heading(2, "cold-start", "Cold start: median with p90 and p99");
        page.paragraph("note", "One dot per runtime at the median request; the whisker reaches from there to the 90th and 99th"
                + " percentile (log scale, lower is better). Warm host: one request on a fresh instance in a host that has been"
                + " serving for a while, what the thesis measured. Scale from zero: a whole process (spawn, JVM boot, deploy, one"
                + " request, exit) next to a process and a container started for one request. Deploy: making a module ready to"
                + " start instances (parse, compile, cache; for a container, an image). Single-shot benchmarks without JMH"
                + " percentiles show the median shot and, as whiskers, the 90th and 99th percentile of the shots.");
        List<String> svgs = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        for (BenchmarkKind kind : BenchmarkKind.COLD) {
            List<Measurement> cases = report.of(kind);
            if (cases.isEmpty()) {
                continue;
            }
            Measurement focus = focusCase(cases);
            List<Measurement> shown = cases.stream().filter(m -> m.fn().equals(focus.fn()) && m.n().equals(focus.n())).toList();
            List<Whisker> points = new ArrayList<>(shown.stream()
                    .map(m -> new Whisker(caseLabel(m), Report.micros(m.primary()), p(m, 90), p(m, 99))).toList());
            if (kind == BenchmarkKind.SCALE_FROM_ZERO) {
                oneShotProcesses(shown, focus).forEach(m -> points.add(
                        new Whisker(caseLabel(m) + " (one-shot)", Report.micros(m.primary()), p(m, 90), p(m, 99))));
            }
            String what = (focus.benchmarkClass().equals("ColdStartFreshJvm") ? "First request, fresh JVM" : kind.title)
                    + " (fn=" + focus.fn() + ", n=" + focus.n() + ")";
            svgs.add(SvgCharts.whiskers(what, run.subtitle(), "µs per request (log scale)", points, "median (p50)", "p90", "p99"));
            captions.add(what + ": " + BenchmarkKind.meaning(focus.benchmarkClass()) + ". " + points.size() + " runtimes"
                    + (points.size() > shown.size() ? "; (one-shot): a process or container started for the request, from the"
                    + " warm host's cases" : "") + "; every case is in the table below.");
            for (Measurement m : cases) {
                rows.add(HtmlPage.row(Cell.text(m.benchmarkClass()), Cell.text(caseLabel(m)), Cell.text(m.fn()), Cell.text(m.n()),
                        time(Report.micros(m.primary())), time(p(m, 90)), time(p(m, 99)),
                        Cell.number(Long.toString(m.primary().count()), m.primary().count()),
                        percent(m.primary().forkSpread())));
            }
        }
        if (svgs.isEmpty()) {
            page.paragraph("missing", "No cold-start benchmark is in this run.");
            return;
        }
        page.charts(svgs, captions);
        page.table("cold-start-table", List.of("benchmark", "runtime", "fn", "n", "p50", "p90", "p99", "requests", "fork spread"), rows);
    }

    /**
     * A process or container started for one request is scale from zero already, and the warm host measures exactly
     * that: so the whole-process chart shows those runtimes' warm-host cases beside the JVMs, unless it has them.
     */
    private List<Measurement> oneShotProcesses(List<Measurement> shown, Measurement focus) {
        return report.of(BenchmarkKind.WARM_HOST).stream()
                .filter(m -> ONE_SHOT_PROCESSES.contains(m.runtime()) && m.fn().equals(focus.fn()) && m.n().equals(focus.n()))
                .filter(m -> shown.stream().noneMatch(x -> x.runtime().equals(m.runtime())))
                .toList();
    }

    /** Runtimes whose every cold request is a new OS process. */
    static final List<String> ONE_SHOT_PROCESSES = List.of("process", "docker", "docker-debian");

    /** The case a chart shows when it can show one fn and n: fib at S when the run has it, else the run's first. */
    static Measurement focusCase(List<Measurement> cases) {
        return cases.stream().filter(m -> m.fn().equals("fib") && m.n().equalsIgnoreCase("S")).findFirst().orElse(cases.getFirst());
    }

    /** A case's percentile {@code p} in microseconds: JMH's in sample mode, else over the iterations' scores. */
    static double p(Measurement m, double p) {
        return Numbers.micros(m.primary().percentile(p), m.primary().unit());
    }

    /**
     * A runtime as a label, with every parameter besides runtime, fn and n that tells its cases apart (abi, jdk, ...),
     * unless it has the default value.
     */
    static String caseLabel(Measurement m) {
        StringBuilder label = new StringBuilder(m.runtime().isEmpty() ? m.benchmarkClass() : m.runtime());
        m.params().forEach((name, value) -> {
            if (!List.of("runtime", "fn", "n").contains(name) && !value.equals(Report.DEFAULT_ABI)) {
                label.append(name.equals("abi") ? " (" + value + ")" : " " + name + "=" + value);
            }
        });
        return label.toString();
    }

    // ---- steady state ----

    private void steadyState(HtmlPage page) {
        page.heading(2, "steady-state", "Steady state, relative to plain Java");
        List<Measurement> steady = report.of(BenchmarkKind.STEADY);
        if (steady.isEmpty()) {
            page.paragraph("missing", "No SteadyState benchmark is in this run.");
            return;
        }
        page.paragraph("note", "Calls per second on one warm instance divided by plain Java's on the same fn and n in this run"
                + " (log scale; 1 = as fast as Java, higher is better). The dot is the geometric mean over the functions of the"
                + " ratio of medians; the whisker spans the forks: the slowest fork's ratio to the fastest's, so a long whisker"
                + " is a case that did not reproduce between JVMs.");
        List<String> svgs = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (String n : Report.distinct(steady, Measurement::n)) {
            List<Measurement> atN = steady.stream().filter(m -> m.n().equals(n)).toList();
            List<Whisker> points = new ArrayList<>();
            for (String label : Report.distinct(atN, HtmlReport::caseLabel)) {
                List<Measurement> ofLabel = atN.stream().filter(m -> caseLabel(m).equals(label)).toList();
                points.add(new Whisker(label, geometricMean(ofLabel, report::speedRatio),
                        geometricMean(ofLabel, m -> forkRatio(m, true)), geometricMean(ofLabel, m -> forkRatio(m, false))));
            }
            if (points.stream().allMatch(w -> !Double.isFinite(w.centre()))) {
                continue;
            }
            svgs.add(SvgCharts.whiskers("Steady state ÷ plain Java, n=" + n, run.subtitle(), "calls/s ÷ java's (log scale)",
                    points, "ratio of medians", "slowest fork", "fastest fork"));
            captions.add("n=" + n + ": " + Report.distinct(atN, Measurement::fn).size() + " functions"
                    + (atN.stream().allMatch(m -> m.primary().forkCentres().size() < 2) ? "; one fork per case, so no spread between forks to show." : "."));
        }
        if (svgs.isEmpty()) {
            page.paragraph("missing", "Plain Java (runtime java) is not in this run's SteadyState, so there is no ratio to chart.");
        } else {
            page.charts(svgs, captions);
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (Measurement m : steady) {
            double settle = secondary(m, "warmup.settle");
            rows.add(HtmlPage.row(Cell.text(caseLabel(m)), Cell.text(m.fn()), Cell.text(m.n()),
                    Cell.number(Numbers.rate(Report.perSecond(m)), Report.perSecond(m)),
                    Cell.number(Numbers.ratio(report.speedRatio(m)), report.speedRatio(m)), percent(m.primary().forkSpread()),
                    Cell.number(Double.isFinite(settle) ? Numbers.digits(settle) + " s" : Numbers.MISSING, settle),
                    Cell.text(Report.capped(m) ? "capped: not settled" : "")));
        }
        page.table("steady-state-table", List.of("runtime", "fn", "n", "calls/s (median)", "÷ java", "fork spread",
                "warm-up settle", "note"), rows);
    }

    /** The ratio to java of this case's slowest ({@code slowest}) or fastest fork, as calls per second. */
    private double forkRatio(Measurement m, boolean slowest) {
        List<Double> centres = m.primary().forkCentres();
        double ratio = report.speedRatio(m);
        if (centres.size() < 2 || !Double.isFinite(ratio)) {
            return Double.NaN;
        }
        double median = m.primary().median();
        double min = centres.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = centres.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        // A fork centre is a rate in throughput mode and a time otherwise: the slowest fork is the lower rate.
        double slow = m.higherIsBetter() ? min / median : median / max;
        double fast = m.higherIsBetter() ? max / median : median / min;
        return ratio * (slowest ? slow : fast);
    }

    private static double geometricMean(List<Measurement> cases, java.util.function.ToDoubleFunction<Measurement> value) {
        return Numbers.geometricMean(cases.stream().map(value::applyAsDouble).filter(v -> Double.isFinite(v) && v > 0).toList());
    }

    // ---- scaling ----

    private void scaling(HtmlPage page) {
        page.heading(2, "scaling", "Scaling: time per call against n");
        List<Measurement> steady = report.of(BenchmarkKind.STEADY);
        page.paragraph("note", "Steady-state time per call (the median iteration) against the function's input n, per runtime,"
                + " log-log. A line that runs parallel to java's is a runtime that pays a factor; one that flattens at small n is"
                + " one that pays a fixed cost per call (a process or container round trip). The default suite runs the sizes S,"
                + " M and L; for a finer sweep, give explicit n values: <code>" + HtmlPage.escape(SWEEP) + "</code>, or for"
                + " every function <code>-p n=S,M,L</code> plus numbers within each function's range (see the README).");
        Map<String, Map<String, Map<Double, Double>>> byFn = new LinkedHashMap<>();
        for (Measurement m : steady) {
            double n = numericN(m);
            double micros = 1e6 / Report.perSecond(m);
            if (Double.isFinite(n) && n > 0 && Double.isFinite(micros)) {
                byFn.computeIfAbsent(m.fn(), fn -> new LinkedHashMap<>())
                        .computeIfAbsent(caseLabel(m), label -> new TreeMap<>()).put(n, micros);
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

    /** The n a case ran with, as a number: S/M/L resolved through the function catalog. NaN when unknown. */
    static double numericN(Measurement m) {
        try {
            return CatalogFunction.byId(m.fn()).input(m.n());
        } catch (NebulaException | IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    // ---- phases ----

    private void phases(HtmlPage page) {
        page.heading(2, "phases", "Where a container's cold start goes");
        List<Measurement> warm = report.of(BenchmarkKind.WARM_HOST).stream().filter(m -> !Report.phases(m).isEmpty()).toList();
        List<Measurement> native_ = warm.stream().filter(m -> ONE_SHOT_PROCESSES.contains(m.runtime())).toList();
        if (native_.isEmpty()) {
            page.paragraph("missing", "No cold start of docker, docker-debian or process with phases is in this run.");
            return;
        }
        Measurement focus = focusCase(native_);
        List<Measurement> shown = native_.stream().filter(m -> m.fn().equals(focus.fn()) && m.n().equals(focus.n())).toList();
        page.paragraph("note", "One cold request (warm host, fn=" + HtmlPage.escape(focus.fn()) + ", n=" + HtmlPage.escape(focus.n())
                + ") split into the phases the runtime recorded, stacked, in milliseconds (means over the requests, so the bar"
                + " is the mean request, not the median). create: the engine creates the container; start: until the binary's"
                + " first instruction; compute: the function; exit: until the host has the exit code and output; remove: the"
                + " engine removes the container. A process has start, compute and exit.");
        List<String> categories = shown.stream().map(HtmlReport::caseLabel).toList();
        Map<String, List<Double>> layers = new LinkedHashMap<>();
        shown.forEach(m -> Report.phases(m).keySet().forEach(name -> layers.putIfAbsent(name, new ArrayList<>())));
        for (Measurement m : shown) {
            Map<String, Double> phases = Report.phases(m);
            layers.forEach((name, values) -> values.add(phases.getOrDefault(name, 0.0) / 1000));
        }
        page.charts(List.of(SvgCharts.stacked("Phases of one cold request (fn=" + focus.fn() + ", n=" + focus.n() + ")",
                run.subtitle(), "runtime", "ms per request (mean)", categories, layers)), List.of("Absolute times, stacked."));
        List<List<Cell>> rows = new ArrayList<>();
        for (Measurement m : warm) {
            Map<String, Double> phases = Report.phases(m);
            List<String> parts = new ArrayList<>();
            phases.forEach((name, micros) -> parts.add(name + " " + Numbers.time(micros)));
            rows.add(HtmlPage.row(Cell.text(caseLabel(m)), Cell.text(m.fn()), Cell.text(m.n()),
                    time(Report.meanMicros(m.primary())), Cell.text(String.join(" · ", parts))));
        }
        page.table("phase-table", List.of("runtime", "fn", "n", "request (mean)", "phases (means)"), rows);
    }

    // ---- shared cells ----

    static Cell time(double micros) {
        return Cell.number(Numbers.time(micros), micros);
    }

    static Cell percent(double fraction) {
        return Cell.number(Double.isFinite(fraction) ? Numbers.digits(100 * fraction) + "%" : Numbers.MISSING, fraction);
    }

    /** A secondary metric's score (its mean over the iterations), NaN when the case does not have it. */
    static double secondary(Measurement m, String label) {
        return Optional.ofNullable(m.secondary().get(label)).map(Metric::score).orElse(Double.NaN);
    }
}
