package dev.nebula.report;

import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import dev.nebula.results.RunInfo;
import dev.nebula.NebulaException;
import dev.nebula.report.HtmlPage.Cell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Two or more runs compared case by case: {@code Report --compare A.json B.json [C.json ...] [--out DIR]}. For every
 * case in A and a later run, the ratio later/A of the medians, the direction that is better (throughput: higher;
 * time: lower), and whether the change is significant. Writes {@code <A>-vs-<B>.html} and {@code .md} (with more
 * runs, {@code <A>-vs-<B>-vs-<C>}) into DIR, by default beside B.
 *
 * <p>Significant means the two runs' confidence intervals do not overlap. With two forks or more in both runs, each
 * interval is the 95% Student-t interval of the mean of the forks' centres (median per fork in sample mode, mean per
 * fork otherwise): forks are the independent repetitions, iterations within a fork are not. Otherwise it is JMH's own
 * scoreConfidence (score ± scoreError, 99.9%, over the iterations). Each row says which.
 */
final class RunComparison {
    static final double FORK_CONFIDENCE = 0.95;

    /** One run: its results and its sidecar. */
    record Run(Path json, RunInfo info, List<Measurement> results) {
        static Run read(Path json) {
            return new Run(json, RunInfo.of(json), JmhResults.read(json));
        }
    }

    /** A confidence interval in the case's normalised unit (µs per op, or calls per second), and how it was made. */
    record Interval(double low, double high, String method) {
        boolean known() {
            return Double.isFinite(low) && Double.isFinite(high);
        }

        boolean overlaps(Interval other) {
            return low <= other.high && other.low <= high;
        }
    }

    /** One case in the baseline and in a later run. */
    record Change(String key, Measurement base, Measurement later) {
        double ratio() {
            return value(later) / value(base);
        }

        boolean better() {
            return base.higherIsBetter() ? ratio() > 1 : ratio() < 1;
        }

        /** Both runs' forks when both have two or more, else JMH's interval for both: the two are never mixed. */
        boolean fromForks() {
            return forks(base).size() >= 2 && forks(later).size() >= 2;
        }

        String method() {
            return interval(base, fromForks()).method();
        }

        /** "yes" or "no" when both intervals are known, else "unknown". */
        String significance() {
            Interval a = interval(base, fromForks());
            Interval b = interval(later, fromForks());
            if (!a.known() || !b.known() || !Double.isFinite(ratio())) {
                return "unknown";
            }
            return a.overlaps(b) ? "no" : "yes";
        }

        String verdict() {
            if (!Double.isFinite(ratio())) {
                return Numbers.MISSING;
            }
            String direction = better() ? "better" : ratio() == 1 ? "same" : "worse";
            return significance().equals("yes") ? direction : "no significant change (" + direction + " within noise)";
        }
    }

    private final List<Run> runs;

    RunComparison(List<Run> runs) {
        this.runs = runs;
    }

    /** Writes the comparison; with {@code --fail-on-regression PCT}, returns 1 when a case regressed (printed), else 0. */
    static int main(List<String> args) throws IOException {
        List<Path> files = new ArrayList<>();
        Path out = null;
        RegressionGate gate = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--out") || args.get(i).equals("--fail-on-regression")) {
                if (i + 1 >= args.size()) {
                    throw new NebulaException(args.get(i).equals("--out") ? "--out needs a directory"
                            : "--fail-on-regression needs a percentage, e.g. --fail-on-regression 10");
                }
                if (args.get(i).equals("--out")) {
                    out = Path.of(args.get(++i));
                } else {
                    gate = RegressionGate.parse(args.get(++i));
                }
            } else if (args.get(i).startsWith("-")) {
                throw new NebulaException("unknown option " + args.get(i) + "; valid: --out DIR, --fail-on-regression PCT");
            } else {
                files.add(Path.of(args.get(i)));
            }
        }
        if (files.size() < 2) {
            throw new NebulaException("--compare needs two result files or more: Report --compare A.json B.json [C.json ...] [--out DIR]");
        }
        List<Run> runs = files.stream().map(Run::read).toList();
        Path dir = out != null ? out : files.get(1).toAbsolutePath().getParent();
        Files.createDirectories(dir);
        RunComparison comparison = new RunComparison(runs);
        List<List<Change>> changes = comparison.changes();
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).isEmpty()) {
                throw new NebulaException(files.get(i + 1) + " has no case in common with " + files.getFirst()
                        + " (the same benchmark, mode and parameters), so there is nothing to compare; compare runs of the same cases");
            }
        }
        String name = String.join("-vs-", runs.stream().map(r -> r.info().stamp()).toList());
        Path html = dir.resolve(name + ".html");
        Path markdown = dir.resolve(name + ".md");
        Files.writeString(html, comparison.html(), StandardCharsets.UTF_8);
        Files.writeString(markdown, comparison.markdown(), StandardCharsets.UTF_8);
        System.out.println("wrote " + html);
        System.out.println("wrote " + markdown);
        if (gate == null) {
            return dev.nebula.ExitStatus.OK;
        }
        List<Change> regressions = comparison.changes().stream().flatMap(List::stream).filter(gate::fails).toList();
        regressions.forEach(change -> System.out.println(RegressionGate.line(change)));
        System.out.println(regressions.isEmpty() ? "no case is significantly worse by more than " + gate.allowance()
                : regressions.size() + " case(s) significantly worse by more than " + gate.allowance());
        return regressions.isEmpty() ? dev.nebula.ExitStatus.OK : dev.nebula.ExitStatus.FAILED;
    }

    /** A case's identity across runs: benchmark, mode and every parameter. */
    static String key(Measurement m) {
        return m.benchmarkClass() + "." + m.benchmark().substring(m.benchmark().lastIndexOf('.') + 1) + " " + m.mode() + " "
                + new TreeMap<>(m.params());
    }

    /** A score in a unit shared across runs: calls per second for throughput, µs per operation for time. */
    static double value(Measurement m) {
        return normalise(m, m.primary().median());
    }

    private static double normalise(Measurement m, double raw) {
        String unit = m.primary().unit();
        if (m.higherIsBetter()) {
            return raw * 1e9 / Numbers.nanosPer(unit.substring(unit.indexOf('/') + 1));
        }
        return Numbers.micros(raw, unit);
    }

    private static List<Double> forks(Measurement m) {
        return m.primary().forkCentres().stream().filter(Double::isFinite).toList();
    }

    static Interval interval(Measurement m, boolean fromForks) {
        List<Double> centres = forks(m);
        if (fromForks) {
            int k = centres.size();
            double mean = centres.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double variance = centres.stream().mapToDouble(c -> (c - mean) * (c - mean)).sum() / (k - 1);
            double t = new TDistribution(k - 1).inverseCumulativeProbability(1 - (1 - FORK_CONFIDENCE) / 2);
            double half = t * Math.sqrt(variance / k);
            return new Interval(normalise(m, mean - half), normalise(m, mean + half), k + " forks, 95% t");
        }
        double score = m.primary().score();
        double error = m.primary().error();
        return new Interval(normalise(m, score - error), normalise(m, score + error), "JMH 99.9%");
    }

    /** Every case of the baseline that a later run has too, per later run. */
    List<List<Change>> changes() {
        List<List<Change>> all = new ArrayList<>();
        Map<String, Measurement> base = byKey(runs.getFirst());
        for (Run later : runs.subList(1, runs.size())) {
            Map<String, Measurement> laterCases = byKey(later);
            List<Change> changes = new ArrayList<>();
            base.forEach((key, m) -> {
                if (laterCases.containsKey(key)) {
                    changes.add(new Change(key, m, laterCases.get(key)));
                }
            });
            all.add(changes);
        }
        return all;
    }

    private static Map<String, Measurement> byKey(Run run) {
        Map<String, Measurement> cases = new LinkedHashMap<>();
        run.results().forEach(m -> cases.putIfAbsent(key(m), m));
        return cases;
    }

    /** How a run's machine and JDK differ from the baseline's, from the sidecars; empty when they match. */
    List<String> differences(Run run) {
        RunInfo base = runs.getFirst().info();
        List<String> differences = new ArrayList<>();
        if (!run.info().hasSidecar() || !base.hasSidecar()) {
            differences.add("no sidecar: machine and JDK cannot be compared");
            return differences;
        }
        if (!run.info().machine().equals(base.machine())) {
            differences.add("different machine: " + run.info().machine() + " (A: " + base.machine() + ")");
        }
        if (!run.info().jdk().equals(base.jdk())) {
            differences.add("different JDK: " + run.info().jdk() + " (A: " + base.jdk() + ")");
        }
        return differences;
    }

    /** A case's median in its shared unit, as people read it. */
    static String shown(Measurement m) {
        return value(m, value(m));
    }

    private static String value(Measurement m, double v) {
        return m.higherIsBetter() ? Numbers.rate(v) : Numbers.time(v);
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Nebula runs compared\n\n");
        runsTable(md);
        List<List<Change>> all = changes();
        for (int i = 0; i < all.size(); i++) {
            Run later = runs.get(i + 1);
            md.append("## ").append(later.info().stamp()).append(" ÷ ").append(runs.getFirst().info().stamp()).append("\n\n");
            differences(later).forEach(d -> md.append("**").append(d).append("**\n\n"));
            md.append("| case | A | B | B/A | better is | verdict | significant | CI from |\n|---|---:|---:|---:|---|---|---|---|\n");
            for (Change c : all.get(i)) {
                md.append("| ").append(c.key().replace("|", "\\|")).append(" | ").append(value(c.base(), value(c.base())))
                        .append(" | ").append(value(c.later(), value(c.later()))).append(" | ").append(Numbers.ratio(c.ratio()))
                        .append(" | ").append(c.base().higherIsBetter() ? "higher" : "lower").append(" | ").append(c.verdict())
                        .append(" | ").append(c.significance()).append(" | ").append(c.method()).append(" |\n");
            }
            md.append('\n').append(unmatched(later)).append('\n');
        }
        md.append(method()).append('\n');
        return md.toString();
    }

    private void runsTable(StringBuilder md) {
        md.append("| | run | machine | JDK | commit |\n|---|---|---|---|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            RunInfo info = runs.get(i).info();
            md.append("| ").append((char) ('A' + i)).append(" | ").append(info.stamp()).append(" | ").append(info.machine())
                    .append(" | ").append(info.jdk()).append(" | ").append(info.commit()).append(" |\n");
        }
        md.append('\n');
    }

    private String unmatched(Run later) {
        Map<String, Measurement> base = byKey(runs.getFirst());
        Map<String, Measurement> laterCases = byKey(later);
        long onlyA = base.keySet().stream().filter(k -> !laterCases.containsKey(k)).count();
        long onlyB = laterCases.keySet().stream().filter(k -> !base.containsKey(k)).count();
        return onlyA + " cases only in A, " + onlyB + " only in " + later.info().stamp() + " (not compared).\n";
    }

    private static String method() {
        return "Ratios are of medians (B/A). Throughput: higher is better; time: lower is better. A change is significant only"
                + " when the two runs' confidence intervals do not overlap: with two forks or more in both, the 95% Student-t"
                + " interval of the mean of the forks' centres; otherwise JMH's scoreConfidence (99.9%). Runs on different"
                + " machines or JDKs compare those too, not only the code.";
    }

    String html() {
        HtmlPage page = new HtmlPage("Nebula runs compared: " + String.join(" vs ", runs.stream().map(r -> r.info().stamp()).toList()));
        List<List<Cell>> runRows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            runRows.add(HtmlPage.row(Cell.text(String.valueOf((char) ('A' + i))), Cell.text(run.info().stamp()),
                    Cell.text(run.info().machine()), Cell.text(run.info().jdk()), Cell.text(run.info().commit()),
                    Cell.text(i == 0 ? "baseline" : String.join("; ", differences(run)))));
        }
        page.table("runs", List.of("", "run", "machine", "JDK", "commit", "differs from A"), runRows);
        page.paragraph("note", HtmlPage.escape(method()));
        List<List<Change>> all = changes();
        for (int i = 0; i < all.size(); i++) {
            Run later = runs.get(i + 1);
            page.heading(2, "vs-" + later.info().stamp(), later.info().stamp() + " ÷ " + runs.getFirst().info().stamp());
            List<String> differences = differences(later);
            if (!differences.isEmpty()) {
                page.list("warn", differences);
            }
            List<List<Cell>> rows = new ArrayList<>();
            for (Change c : all.get(i)) {
                rows.add(HtmlPage.row(Cell.text(c.key()), Cell.number(value(c.base(), value(c.base())), value(c.base())),
                        Cell.number(value(c.later(), value(c.later())), value(c.later())), Cell.number(Numbers.ratio(c.ratio()), c.ratio()),
                        Cell.text(c.base().higherIsBetter() ? "higher" : "lower"), Cell.text(c.verdict()), Cell.text(c.significance()),
                        Cell.text(c.method())));
            }
            page.table("compare-" + later.info().stamp(), List.of("case", "A (median)", "B (median)", "B/A", "better is",
                    "verdict", "significant", "CI from"), rows);
            page.paragraph("note", HtmlPage.escape(unmatched(later)));
        }
        return page.html();
    }
}
