package dev.nebula.report;

import dev.nebula.report.HtmlPage.Cell;
import dev.nebula.results.Measurement;
import dev.nebula.results.RunInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a process's or container's cold start goes: its recorded phases stacked, and every warm-host case's phases in a table. */
record PhasesSection(Report report, RunInfo run) {

    void write(HtmlPage page) {
        page.heading(2, "phases", "Where a container's cold start goes");
        List<Measurement> warm = report.of(BenchmarkKind.WARM_HOST).stream().filter(m -> !MetricMaths.phases(m).isEmpty()).toList();
        List<String> ownProcess = RuntimeRoles.ownProcess();
        List<Measurement> native_ = warm.stream().filter(m -> ownProcess.contains(m.runtime())).toList();
        if (native_.isEmpty()) {
            page.paragraph("missing", "No cold start of " + RuntimeRoles.prose(ownProcess, "or").replace("`", "")
                    + " with phases is in this run.");
            return;
        }
        Measurement focus = HtmlReport.focusCase(native_);
        List<Measurement> shown = native_.stream().filter(m -> m.fn().equals(focus.fn()) && m.n().equals(focus.n())).toList();
        page.paragraph("note", "One cold request (warm host, fn=" + HtmlPage.escape(focus.fn()) + ", n=" + HtmlPage.escape(focus.n())
                + ") split into the phases the runtime recorded, stacked, in milliseconds (means over the requests, so the bar"
                + " is the mean request, not the median). create: the engine creates the container; start: until the binary's"
                + " first instruction; compute: the function; exit: until the host has the exit code and output; remove: the"
                + " engine removes the container. A process has start, compute and exit.");
        List<String> categories = shown.stream()
                .map(HtmlReport::markedLabel).toList();
        Map<String, List<Double>> layers = new LinkedHashMap<>();
        shown.forEach(m -> MetricMaths.phases(m).keySet().forEach(name -> layers.putIfAbsent(name, new ArrayList<>())));
        for (Measurement m : shown) {
            Map<String, Double> phases = MetricMaths.phases(m);
            layers.forEach((name, values) -> values.add(phases.getOrDefault(name, 0.0) / 1000));
        }
        page.charts(List.of(SvgCharts.stacked("Phases of one cold request (fn=" + focus.fn() + ", n=" + focus.n() + ")",
                HtmlReport.subtitle(run, shown.stream().anyMatch(MetricMaths::capped)), "runtime", "ms per request (mean)",
                categories, layers)), List.of("Absolute times, stacked."));
        List<List<Cell>> rows = new ArrayList<>();
        for (Measurement m : warm) {
            List<String> parts = new ArrayList<>();
            MetricMaths.phases(m).forEach((name, micros) -> parts.add(name + " " + Numbers.time(micros)));
            rows.add(HtmlPage.row(Cell.text(HtmlReport.markedLabel(m)), Cell.text(m.fn()), Cell.text(m.n()),
                    HtmlReport.time(MetricMaths.meanMicros(m.primary())), Cell.text(String.join(" · ", parts))));
        }
        page.table("phase-table", List.of("runtime", "fn", "n", "request (mean)", "phases (means)"), rows);
        HtmlReport.marksLegend(page, warm.stream().anyMatch(MetricMaths::capped));
    }
}
