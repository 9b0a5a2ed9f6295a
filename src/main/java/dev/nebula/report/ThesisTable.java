package dev.nebula.report;

import dev.nebula.results.Measurement;
import dev.nebula.results.RunInfo;
import dev.nebula.report.HtmlPage.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The thesis's question, function by function: how many times faster to start, faster when warm, and lighter in CPU,
 * energy, memory and disk is each wasm runtime than {@code docker}, and than a plain {@code process}. Against docker
 * it is the cost of a container; against process, the cost of a process. Every ratio is of medians (or of means for
 * the secondary metrics, which JMH aggregates as means), taken within this one run.
 */
final class ThesisTable {
    /** The thesis's own figures, Wasmtime against Docker in its Rust prototype. */
    static final String THESIS_COLD = "365×";
    static final String THESIS_ENERGY = "198×";
    static final String THESIS_ARTIFACT = "14–138×";

    private final Report report;
    private final Resources resources;
    private final RunInfo run;
    /** Whether some ratio in the tables was taken on a host that had not settled, so the legend is due. */
    private boolean anyUnsettled;

    ThesisTable(Report report, Resources resources, RunInfo run) {
        this.report = report;
        this.resources = resources;
        this.run = run;
    }

    void write(HtmlPage page) {
        page.heading(2, "thesis", "The thesis's table: wasm against a container and against a process");
        List<Measurement> cold = report.of(BenchmarkKind.WARM_HOST);
        List<String> wasm = Report.distinct(cold.stream().filter(m -> RuntimeRoles.isWasm(m.runtime())).toList(), Report::label);
        List<String> baselines = RuntimeRoles.THESIS_BASELINES.stream().filter(b -> cold.stream().anyMatch(m -> m.runtime().equals(b))).toList();
        if (wasm.isEmpty() || baselines.isEmpty()) {
            String either = String.join(" or ", RuntimeRoles.THESIS_BASELINES);
            page.paragraph("missing", "This table needs cold starts of a wasm runtime and of " + either + "; the run has "
                    + (wasm.isEmpty() ? "no wasm runtime" : "no " + either) + ".");
            return;
        }
        page.paragraph("note", "Each cell is baseline ÷ wasm, so 10× means the wasm runtime needs a tenth of the baseline's time,"
                + " CPU, energy, memory or disk (higher is better for wasm; below 1× wasm is worse). Cold start: the median"
                + " request in a warm host. Warm call: the median steady-state call. CPU and energy: per cold start; energy is"
                + " <strong>estimated</strong> unless the resources table says measured. Memory: per live instance (Density)."
                + " Artifact: what is deployed. Against <code>docker</code> the ratio holds the cost of the container; against"
                + " <code>process</code> the same binary without one, so the difference between the two is the container's share.");
        page.raw("<table id=\"thesis-figures\"><thead><tr><th>the thesis (Wasmtime vs Docker, Rust prototype)</th><th>cold start</th>"
                + "<th>energy (measured there)</th><th>artifact size</th></tr></thead><tbody><tr><td>its figures</td><td>" + THESIS_COLD
                + "</td><td>" + THESIS_ENERGY + "</td><td>" + THESIS_ARTIFACT + " smaller</td></tr></tbody></table>");
        thesisShape(page, cold);
        List<String> fns = Report.distinct(cold, Measurement::fn);
        String n = HtmlReport.focusCase(cold).n();
        for (String fn : fns) {
            List<List<Cell>> rows = new ArrayList<>();
            for (String label : wasm) {
                for (String baseline : baselines) {
                    rows.add(row(label, baseline, fn, n));
                }
            }
            page.heading(3, "thesis-" + fn, "fn=" + fn + ", n=" + n);
            page.table("thesis-table-" + fn, List.of("wasm runtime", "against", "cold start", "warm call", "CPU per cold start",
                    "energy per cold start " + energyKind(cold), "memory per instance", "artifact size"), rows);
        }
        HtmlReport.marksLegend(page, anyUnsettled);
        page.paragraph("", "<strong>Why ours differ from the thesis's.</strong> " + HtmlPage.escape(whyOursDiffer()));
    }

    /**
     * The thesis's shape rebuilt ({@code ColdStartCompileCache}): a new Wasmtime engine per request loading the code
     * compiled before from Wasmtime's cache, against the one-shot {@code docker} at the same fn and n.
     */
    private void thesisShape(HtmlPage page, List<Measurement> cold) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Measurement cached : report.of(Report.COMPILE_CACHE)) {
            Optional<Measurement> docker = Report.find(cold, RuntimeRoles.THESIS_CONTAINER, cached.fn(), cached.n());
            if (docker.isEmpty()) {
                continue;
            }
            double dockerMicros = MetricMaths.micros(docker.get().primary());
            double timer = MetricMaths.thesisTimerMicros(cached);
            double whole = MetricMaths.micros(cached.primary());
            boolean unsettled = unsettled(Optional.of(cached), docker);
            anyUnsettled |= unsettled;
            String label = Report.label(cached) + ", fn=" + cached.fn() + ", n=" + cached.n();
            rows.add(HtmlPage.row(Cell.text(label), Cell.text("deploy from the cache + WASI context (means): the thesis's timer"),
                    Cell.number(Numbers.time(timer), timer), marked(ratio(dockerMicros, timer), unsettled)));
            rows.add(HtmlPage.row(Cell.text(label), Cell.text("the whole request: deploy, context, instantiate, run, close, undeploy (median)"),
                    Cell.number(Numbers.time(whole), whole), marked(ratio(dockerMicros, whole), unsettled)));
        }
        if (rows.isEmpty()) {
            page.paragraph("missing", "No <code>" + Report.COMPILE_CACHE + "</code> case beside a <code>" + RuntimeRoles.THESIS_CONTAINER
                    + "</code> cold start in this run, so the thesis's shape (an engine per request, the code loaded from a"
                    + " compilation cache) is not measured here.");
            return;
        }
        page.paragraph("note", "The thesis's shape, measured: every request makes a new Wasmtime engine and loads the module's"
                + " machine code, compiled by an earlier request, from Wasmtime's on-disk compilation cache (the binding has no"
                + " <code>Module.deserialize</code>), then runs the WASI request. Each ratio is <code>" + RuntimeRoles.THESIS_CONTAINER
                + "</code>'s median one-shot cold start ÷ the figure, the thesis's " + THESIS_COLD + " beside it.");
        page.table("thesis-shape", List.of("case", "what the time holds", "time", RuntimeRoles.THESIS_CONTAINER + " ÷ it"), rows);
    }

    /** Whether the run's energy figures are estimates, measurements, or both: every estimate is labelled. */
    private static String energyKind(List<Measurement> cold) {
        boolean measured = cold.stream().anyMatch(m -> m.secondary().containsKey(Resources.ENERGY_MEASURED));
        boolean estimated = cold.stream().anyMatch(m -> !m.secondary().containsKey(Resources.ENERGY_MEASURED));
        return measured && estimated ? "(estimated unless measured)" : measured ? "(measured)" : "(estimated)";
    }

    private List<Cell> row(String wasmLabel, String baseline, String fn, String n) {
        Optional<Measurement> wasmCold = resources.cold(wasmLabel, fn, n);
        Optional<Measurement> baseCold = resources.cold(baseline, fn, n);
        String wasmRuntime = wasmCold.map(Measurement::runtime).orElse(wasmLabel);
        String wasmAbi = wasmCold.map(Measurement::abi).orElse("");
        boolean coldUnsettled = unsettled(wasmCold, baseCold);
        boolean warmUnsettled = unsettled(resources.warm(wasmLabel, fn, n), resources.warm(baseline, fn, n));
        anyUnsettled |= coldUnsettled || warmUnsettled;
        return HtmlPage.row(Cell.text(wasmLabel), Cell.text(baseline),
                marked(ratio(resources.coldMicros(baseline, fn, n), resources.coldMicros(wasmLabel, fn, n)), coldUnsettled),
                marked(ratio(resources.warmMicros(baseline, fn, n), resources.warmMicros(wasmLabel, fn, n)), warmUnsettled),
                ratio(Resources.cpuMicros(baseCold), Resources.cpuMicros(wasmCold)),
                ratio(Resources.energyMicroJoules(baseCold), Resources.energyMicroJoules(wasmCold)),
                ratio(resources.memoryBytes(baseline), resources.memoryBytes(wasmRuntime)),
                ratio(resources.artifactBytes(baseline, ""), resources.artifactBytes(wasmRuntime, wasmAbi)));
    }

    /** Whether either side of a ratio was measured in a host that had not settled. */
    private static boolean unsettled(Optional<Measurement> wasm, Optional<Measurement> baseline) {
        return wasm.filter(MetricMaths::capped).isPresent() || baseline.filter(MetricMaths::capped).isPresent();
    }

    private static Cell marked(Cell cell, boolean unsettled) {
        return unsettled ? Cell.number(cell.text() + " " + MetricMaths.UNSETTLED_MARK, cell.sortKey()) : cell;
    }

    private static Cell ratio(double baseline, double wasm) {
        double ratio = baseline / wasm;
        return Cell.number(Numbers.ratio(ratio), ratio);
    }

    /**
     * The slot for why this run's ratios differ: the sidecar's {@code notes.thesis} when the person who made the run
     * wrote one, else the differences in method that hold for every run of this suite.
     */
    private String whyOursDiffer() {
        String written = run.hasSidecar() ? run.env().path("notes").path("thesis").asText("") : "";
        if (!written.isEmpty()) {
            return written;
        }
        return "The thesis timed the Wasmtime CLI and `docker run` from a Rust driver on its machine; here the wasm runtimes"
                + " run inside a JVM host that is already running (the warm host), so a cold start is an instantiation, not"
                + " a process, while docker still starts a container through the engine: that widens the cold-start gap, and"
                + " the scale-from-zero section shows the whole-process figure that narrows it. Energy here is estimated from"
                + " CPU time unless the machine exposed RAPL counters (the thesis measured it), and the machine ("
                + run.machine() + ") and Docker version differ from the thesis's.";
    }
}
