package dev.nebula.report;

import dev.nebula.report.HtmlPage.Cell;
import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.RunInfo;
import java.util.List;
import java.util.Optional;

/**
 * The run's page, {@code <stamp>.html}, section by section: the run's head, cold starts, steady state, scaling, the
 * phases, the resources table and the thesis's table. Every section says what it shows, and what is missing from the
 * run when its benchmark or metric is absent. Also the labels and cells the sections share.
 */
final class HtmlReport {
    /** The legend of {@link MetricMaths#UNSETTLED_MARK} inside a chart, which may travel alone (the README's headline). */
    static final String UNSETTLED_SHORT = MetricMaths.UNSETTLED_MARK + " unsettled: hit the settle cap";
    /** The legend of {@link MetricMaths#UNSETTLED_MARK}, wherever a marked figure appears. */
    static final String UNSETTLED_LEGEND = UNSETTLED_SHORT + " (the warm-up ended before the JVM went quiet,"
            + " warmup.capped = 1 in some fork), so the host was still compiling when measured";

    private final Report report;
    private final RunInfo run;
    private final List<String> problems;
    private final Resources resources;
    private final ColdStartSection coldStart;

    /** @param problems what the results check found missing or broken: shown at the top, never hidden */
    HtmlReport(Report report, RunInfo run, List<String> problems) {
        this.report = report;
        this.run = run;
        this.problems = problems;
        this.resources = new Resources(report, run);
        this.coldStart = new ColdStartSection(report, run);
    }

    String html() {
        HtmlPage page = new HtmlPage("Nebula run " + run.stamp());
        new RunHeader(report, run, problems).write(page);
        if (report.results().stream().anyMatch(MetricMaths::forksDisagree)) {
            page.paragraph("note", HtmlPage.escape(MetricMaths.FORKS_DISAGREE_LEGEND));
        }
        coldStart.write(page);
        new Ladder(report).write(page, run);
        new SteadyStateSection(report, run).write(page);
        new ScalingSection(report, run).write(page);
        new PhasesSection(report, run).write(page);
        resources.table(page);
        new ThesisTable(report, resources, run).write(page);
        page.heading(2, "files", "Files and tools");
        page.paragraph("", "Beside this page: <code>" + HtmlPage.escape(run.stamp()) + ".json</code> (JMH's own JSON), <code>"
                + HtmlPage.escape(run.stamp()) + ".env.json</code> (the machine and what the run planned), <code>.md</code> and <code>.csv</code>"
                + " (every metric of every case) and <code>" + HtmlPage.escape(run.stamp()) + "-cold-start.svg</code> (the first"
                + " chart, for a README). Compare two runs with <code>java -cp target/benchmarks.jar dev.nebula.report.Report"
                + " --compare A.json B.json</code>. The JSON also loads into JMH Visualizer (jmh.morethan.io); see the README.");
        return page.html();
    }

    /** The page's first chart, the run's headline, as an {@code <svg>} element; empty when the run has no cold start. */
    Optional<String> headlineSvg() {
        return coldStart.headline();
    }

    /** A chart's subtitle: the run, and the ‡ legend when a point of the chart carries the mark. */
    static String subtitle(RunInfo run, boolean unsettled) {
        return run.subtitle() + (unsettled ? "   ·   " + UNSETTLED_SHORT : "");
    }

    /** The legend of the ‡ mark, under a table or chart that shows one. */
    static void marksLegend(HtmlPage page, boolean unsettled) {
        if (unsettled) {
            page.paragraph("note", HtmlPage.escape(UNSETTLED_LEGEND) + ". Not a settled figure.");
        }
    }

    // ---- labels and cells the sections share ----

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

    /** {@link #caseLabel} with the case's marks: ‡ its host had not settled, § its forks disagree. */
    static String markedLabel(Measurement m) {
        return caseLabel(m) + MetricMaths.marks(m);
    }

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
