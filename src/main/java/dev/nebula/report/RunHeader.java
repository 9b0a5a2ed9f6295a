package dev.nebula.report;

import dev.nebula.report.HtmlPage.Cell;
import dev.nebula.results.RunInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The page's head: the run's machine, JDK and commit, and what is missing from it, never hidden.
 *
 * @param problems what the results check found missing or broken
 */
record RunHeader(Report report, RunInfo run, List<String> problems) {
    /** Past this many problems the list shows a tail line; ResultsCheck lists them all. */
    private static final int SHOWN_PROBLEMS = 40;

    void write(HtmlPage page) {
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
            page.list("", missing.size() > SHOWN_PROBLEMS ? withTail(missing, SHOWN_PROBLEMS) : missing);
            page.raw("</div>");
        }
    }

    private static List<String> withTail(List<String> items, int keep) {
        List<String> shown = new ArrayList<>(items.subList(0, keep));
        shown.add("… and " + (items.size() - keep) + " more (ResultsCheck lists them all)");
        return shown;
    }
}
