package dev.nebula.report;

import dev.nebula.report.HtmlPage.Cell;
import dev.nebula.report.SvgCharts.Whisker;
import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.RunInfo;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Issue 18's ladder: every container rung (runtimes whose descriptor says CONTAINER) and the process (PROCESS, the
 * fork/exec floor), ordered by their measured median, beside every wasm runtime, for one cold request in a warm host:
 * median, p99 (or max of N), CPU per request, and each wasm runtime's ratio to each rung. The rungs come from the
 * descriptors, so a new rung takes its place without an edit here.
 */
final class Ladder {
    static final String ATTRIBUTED = "cpu.attributed";

    /** One runtime on the ladder: a rung or a wasm runtime, at the chart's fn and n. */
    record Entry(Measurement m, boolean rung) {
        double median() {
            return MetricMaths.micros(m.primary());
        }
    }

    private final List<Entry> rungs;
    private final List<Entry> wasm;

    Ladder(Report report, Function<String, Optional<Kind>> kindOf, Predicate<String> isWasm) {
        List<Measurement> cold = report.of(BenchmarkKind.WARM_HOST);
        if (cold.isEmpty()) {
            rungs = List.of();
            wasm = List.of();
            return;
        }
        Measurement focus = HtmlReport.focusCase(cold);
        List<Measurement> shown = cold.stream().filter(m -> m.fn().equals(focus.fn()) && m.n().equals(focus.n())).toList();
        rungs = shown.stream().filter(m -> kindOf.apply(m.runtime()).filter(k -> k == Kind.CONTAINER || k == Kind.PROCESS).isPresent())
                .map(m -> new Entry(m, true)).sorted(Comparator.comparingDouble(Entry::median)).toList();
        wasm = shown.stream().filter(m -> isWasm.test(m.runtime())).map(m -> new Entry(m, false))
                .sorted(Comparator.comparingDouble(Entry::median)).toList();
    }

    Ladder(Report report) {
        this(report, RuntimeRoles::kind, RuntimeRoles::isWasm);
    }

    List<Entry> rungs() {
        return rungs;
    }

    List<Entry> wasm() {
        return wasm;
    }

    /** CPU per request in µs and which figure it is: the attributed one where the run has it, else the machine's. */
    static Optional<String> cpu(Measurement m) {
        for (String label : List.of(ATTRIBUTED, Resources.CPU)) {
            Metric metric = m.secondary().get(label);
            if (metric != null && metric.isFinite()) {
                return Optional.of(Numbers.time(Numbers.micros(metric.score(), metric.unit())) + " (" + label + ")");
            }
        }
        return Optional.empty();
    }

    /** rung ÷ wasm of the medians: how many times faster the wasm runtime starts than that rung. */
    static double ratio(Entry rung, Entry wasm) {
        return rung.median() / wasm.median();
    }

    private List<String> headers() {
        List<String> headers = new ArrayList<>(List.of("runtime", "kind", "median", "p99 (or max of N)", "CPU per request"));
        rungs.forEach(r -> headers.add("÷ " + HtmlReport.caseLabel(r.m())));
        return headers;
    }

    private List<String> cells(Entry e) {
        MetricMaths.Tail p99 = MetricMaths.tail(e.m().primary(), 99);
        List<String> cells = new ArrayList<>(List.of(HtmlReport.markedLabel(e.m()), e.rung() ? RuntimeRoles.kind(e.m().runtime())
                .map(Kind::label).orElse("rung") : "wasm", Numbers.time(e.median()), p99.isMax() ? p99.cell() : Numbers.time(p99.micros()),
                cpu(e.m()).orElse(Numbers.MISSING)));
        rungs.forEach(r -> cells.add(e.rung() ? "" : Numbers.ratio(ratio(r, e))));
        return cells;
    }

    private List<Entry> entries() {
        List<Entry> all = new ArrayList<>(rungs);
        all.addAll(wasm);
        return all;
    }

    String markdown() {
        if (rungs.isEmpty() || wasm.isEmpty()) {
            return "";
        }
        Measurement first = rungs.getFirst().m();
        StringBuilder md = new StringBuilder("## The ladder: wasm against every container rung\n\n")
                .append("One cold request in a warm host (fn=").append(first.fn()).append(", n=").append(first.n()).append("): the")
                .append(" container rungs and the process (fork/exec, the floor) in order of their median, then each wasm runtime with")
                .append(" its ratio to each rung (rung ÷ wasm, medians). CPU per request is `").append(ATTRIBUTED)
                .append("` where the run has it, else `").append(Resources.CPU).append("`; each cell says which.\n\n");
        List<String> headers = headers();
        md.append("| ").append(String.join(" | ", headers)).append(" |\n|---|---|").append("---:|".repeat(headers.size() - 2)).append('\n');
        for (Entry e : entries()) {
            md.append("| ").append(String.join(" | ", cells(e).stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
        }
        return md.append('\n').toString();
    }

    void write(HtmlPage page, RunInfo run) {
        page.heading(2, "ladder", "The ladder: wasm against every container rung");
        if (rungs.isEmpty() || wasm.isEmpty()) {
            page.paragraph("missing", "The ladder needs warm-host cold starts of a container or process runtime and of a wasm"
                    + " runtime; this run has " + (rungs.isEmpty() ? "no container or process" : "no wasm runtime") + ".");
            return;
        }
        Measurement first = rungs.getFirst().m();
        page.paragraph("note", "One cold request in a warm host (fn=" + HtmlPage.escape(first.fn()) + ", n=" + HtmlPage.escape(first.n())
                + "). Rungs: every container runtime and the process (fork/exec, the floor), in order of their median. Each wasm"
                + " runtime's ratio to each rung is rung ÷ wasm of the medians. CPU per request is " + ATTRIBUTED + " where the"
                + " run has it, else " + Resources.CPU + "; each cell says which.");
        List<Whisker> points = entries().stream().map(e -> new Whisker(HtmlReport.markedLabel(e.m()), e.median(),
                MetricMaths.tail(e.m().primary(), 90).micros(), MetricMaths.tail(e.m().primary(), 99).micros())).toList();
        page.charts(List.of(SvgCharts.whiskers("The ladder: cold start (fn=" + first.fn() + ", n=" + first.n() + ")",
                HtmlReport.subtitle(run, false), "µs per request (log scale)", points, "median (p50)", "p90 (or max)",
                "p99 (or max of N)")), List.of(rungs.size() + " rungs, " + wasm.size() + " wasm runtimes; the table has every ratio."));
        List<List<Cell>> rows = new ArrayList<>();
        for (Entry e : entries()) {
            rows.add(new ArrayList<>(cells(e).stream().map(Cell::text).toList()));
        }
        page.table("ladder-table", headers(), rows);
    }
}
