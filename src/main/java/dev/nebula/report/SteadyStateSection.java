package dev.nebula.report;

import static dev.nebula.report.HtmlReport.caseLabel;

import dev.nebula.report.HtmlPage.Cell;
import dev.nebula.report.SvgCharts.Whisker;
import dev.nebula.results.Measurement;
import dev.nebula.results.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Steady state relative to plain Java: one chart per n, the forks' spread as whiskers, and every case in a table. */
record SteadyStateSection(Report report, RunInfo run) {

    void write(HtmlPage page) {
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
        for (String n : Report.summarySizes(steady)) {
            List<Measurement> atN = steady.stream().filter(m -> m.n().equals(n)).toList();
            List<Whisker> points = new ArrayList<>();
            for (String label : Report.distinct(atN, HtmlReport::caseLabel)) {
                List<Measurement> ofLabel = atN.stream().filter(m -> caseLabel(m).equals(label)).toList();
                String mark = ofLabel.stream().anyMatch(MetricMaths::capped) ? " " + MetricMaths.UNSETTLED_MARK : "";
                points.add(new Whisker(label + mark, geometricMean(ofLabel, report::speedRatio),
                        geometricMean(ofLabel, m -> forkRatio(m, true)), geometricMean(ofLabel, m -> forkRatio(m, false))));
            }
            if (points.stream().allMatch(w -> !Double.isFinite(w.centre()))) {
                continue;
            }
            boolean marked = atN.stream().anyMatch(MetricMaths::capped);
            svgs.add(SvgCharts.whiskers("Steady state ÷ plain Java, n=" + n, HtmlReport.subtitle(run, marked), "calls/s ÷ java's (log scale)",
                    points, "ratio of medians", "slowest fork", "fastest fork"));
            captions.add("n=" + n + ": " + Report.distinct(atN, Measurement::fn).size() + " functions"
                    + (atN.stream().allMatch(m -> m.primary().forkCentres().size() < 2) ? "; one fork per case, so no spread between forks to show" : "")
                    + (marked ? "; " + HtmlReport.UNSETTLED_LEGEND : "") + ".");
        }
        if (svgs.isEmpty()) {
            page.paragraph("missing", "Plain Java (runtime " + RuntimeRoles.BASELINE + ") is not in this run's SteadyState, so there is no ratio to chart.");
        } else {
            page.charts(svgs, captions);
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (Measurement m : steady) {
            double settle = HtmlReport.secondary(m, "warmup.settle");
            rows.add(HtmlPage.row(Cell.text(HtmlReport.markedLabel(m)), Cell.text(m.fn()), Cell.text(m.n()),
                    Cell.number(Numbers.rate(MetricMaths.perSecond(m)), MetricMaths.perSecond(m)),
                    Cell.number(Numbers.ratio(report.speedRatio(m)), report.speedRatio(m)), HtmlReport.percent(m.primary().forkSpread()),
                    Cell.number(Double.isFinite(settle) ? Numbers.digits(settle) + " s" : Numbers.MISSING, settle),
                    Cell.text(MetricMaths.capped(m) ? "capped: not settled" : "")));
        }
        page.table("steady-state-table", List.of("runtime", "fn", "n", "calls/s (median)", "÷ java", "fork spread",
                "warm-up settle", "note"), rows);
        HtmlReport.marksLegend(page, steady.stream().anyMatch(MetricMaths::capped));
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

    private static double geometricMean(List<Measurement> cases, ToDoubleFunction<Measurement> value) {
        return Numbers.geometricMean(cases.stream().map(value::applyAsDouble).filter(v -> Double.isFinite(v) && v > 0).toList());
    }
}
