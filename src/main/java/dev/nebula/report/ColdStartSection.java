package dev.nebula.report;

import static dev.nebula.report.HtmlReport.caseLabel;
import static dev.nebula.report.HtmlReport.time;

import dev.nebula.report.HtmlPage.Cell;
import dev.nebula.report.SvgCharts.Whisker;
import dev.nebula.results.Measurement;
import dev.nebula.results.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The page's first section: one whisker chart per cold-start kind (warm host, scale from zero, deploy) and every case
 * in a table. Its first chart is the run's headline, which {@link Report} also writes as {@code <stamp>-cold-start.svg}.
 */
final class ColdStartSection {
    private final List<String> svgs = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();
    private final List<List<Cell>> rows = new ArrayList<>();
    private boolean unsettled;

    ColdStartSection(Report report, RunInfo run) {
        for (BenchmarkKind kind : BenchmarkKind.COLD) {
            List<Measurement> cases = report.of(kind);
            if (cases.isEmpty()) {
                continue;
            }
            Measurement focus = HtmlReport.focusCase(cases);
            List<Measurement> shown = cases.stream().filter(m -> m.fn().equals(focus.fn()) && m.n().equals(focus.n())).toList();
            List<Whisker> points = new ArrayList<>(shown.stream().map(m -> whisker(m, "")).toList());
            if (kind == BenchmarkKind.SCALE_FROM_ZERO) {
                oneShotProcesses(report, shown, focus).forEach(m -> points.add(whisker(m, " (one-shot)")));
            }
            String what = kind.title + " (fn=" + focus.fn() + ", n=" + focus.n() + ")";
            boolean marked = points.stream().anyMatch(w -> w.category().endsWith(MetricMaths.UNSETTLED_MARK));
            svgs.add(SvgCharts.whiskers(what, HtmlReport.subtitle(run, marked), "µs per request (log scale)", points,
                    "median (p50)", "p90 (or max)", "p99 (or max of N)"));
            captions.add(what + ": " + kind.meaning + ". " + points.size() + " runtimes"
                    + (points.size() > shown.size() ? "; (one-shot): a process or container started for the request, from the"
                    + " warm host's cases" : "") + "; every case is in the table below"
                    + (marked ? "; " + HtmlReport.UNSETTLED_LEGEND : "")
                    + ".");
            for (Measurement m : cases) {
                unsettled |= MetricMaths.capped(m);
                rows.add(HtmlPage.row(Cell.text(m.benchmarkClass()), Cell.text(HtmlReport.markedLabel(m)),
                        Cell.text(m.fn()), Cell.text(m.n()), time(MetricMaths.micros(m.primary())), tail(m, 90),
                        tail(m, 99), Cell.number(Long.toString(m.primary().count()), m.primary().count()),
                        HtmlReport.percent(m.primary().forkSpread())));
            }
        }
    }

    /** A tail cell: the percentile, or "max of N" where the case has too few samples for it. */
    private static Cell tail(Measurement m, double p) {
        MetricMaths.Tail tail = MetricMaths.tail(m.primary(), p);
        return Cell.number(tail.isMax() ? tail.cell() : Numbers.time(tail.micros()), tail.micros());
    }

    /**
     * A chart's point: the case's label, marked ‡ when its host was unsettled, at its median with p90 and p99; where
     * the case has too few samples for a percentile, its whisker ends at the max and the label says "max of N".
     */
    private static Whisker whisker(Measurement m, String suffix) {
        String mark = MetricMaths.capped(m) ? " " + MetricMaths.UNSETTLED_MARK : "";
        MetricMaths.Tail p90 = MetricMaths.tail(m.primary(), 90);
        MetricMaths.Tail p99 = MetricMaths.tail(m.primary(), 99);
        String max = p99.isMax() ? " [" + p99.label() + "]" : "";
        return new Whisker(caseLabel(m) + suffix + max + mark, MetricMaths.micros(m.primary()), p90.micros(), p99.micros());
    }

    /**
     * A process or container started for one request is scale from zero already, and the warm host measures exactly
     * that: so the whole-process chart shows those runtimes' warm-host cases beside the JVMs, unless it has them.
     */
    private static List<Measurement> oneShotProcesses(Report report, List<Measurement> shown, Measurement focus) {
        List<String> ownProcess = RuntimeRoles.ownProcess();
        return report.of(BenchmarkKind.WARM_HOST).stream()
                .filter(m -> ownProcess.contains(m.runtime()) && m.fn().equals(focus.fn()) && m.n().equals(focus.n()))
                .filter(m -> shown.stream().noneMatch(x -> x.runtime().equals(m.runtime())))
                .toList();
    }

    /** The run's headline chart, the page's first: an {@code <svg>} element without XML prolog. */
    Optional<String> headline() {
        return svgs.stream().findFirst();
    }

    void write(HtmlPage page) {
        page.heading(2, "cold-start", "Cold start: median with p90 and p99");
        page.paragraph("note", "One dot per runtime at the median request; the whisker reaches from there to the 90th and 99th"
                + " percentile (log scale, lower is better). Warm host: one request on a fresh instance in a host that has been"
                + " serving for a while, what the thesis measured. Scale from zero: a whole process (spawn, JVM boot, deploy, one"
                + " request, exit) next to a process and a container started for one request. Deploy: making a module ready to"
                + " start instances (parse, compile, cache; for a container, an image). Single-shot benchmarks without JMH"
                + " percentiles show the median shot and, as whiskers, the 90th and 99th percentile of the shots. A p99 is shown"
                + " only from 1,000 samples and a p90 from 100: with fewer, the whisker ends at the slowest sample and says"
                + " \"max of N\".");
        if (svgs.isEmpty()) {
            page.paragraph("missing", "No cold-start benchmark is in this run.");
            return;
        }
        page.charts(svgs, captions);
        page.table("cold-start-table", List.of("benchmark", "runtime", "fn", "n", "p50", "p90", "p99", "requests", "fork spread"), rows);
        HtmlReport.marksLegend(page, unsettled);
    }
}
