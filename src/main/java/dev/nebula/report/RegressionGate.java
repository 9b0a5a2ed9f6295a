package dev.nebula.report;

import dev.nebula.report.RunComparison.Change;
import java.util.List;

/**
 * The CI gate of {@code Report --compare A.json B.json --fail-on-regression PCT}: the cases of a later run that are
 * significantly worse than the baseline's (by {@link RunComparison}'s test) by more than PCT percent, in the metric's
 * own direction: a throughput that fell, or a time that rose.
 *
 * @param percent the worsening a case may have before it fails the gate, in percent of the baseline
 */
record RegressionGate(double percent) {

    RegressionGate {
        if (!Double.isFinite(percent) || percent < 0) {
            throw new dev.nebula.NebulaException("--fail-on-regression needs a percentage of 0 or more (e.g. 10), not " + percent);
        }
    }

    static RegressionGate parse(String percent) {
        try {
            return new RegressionGate(Double.parseDouble(percent.strip().replace("%", "")));
        } catch (NumberFormatException e) {
            throw new dev.nebula.NebulaException("--fail-on-regression needs a percentage, e.g. 10 for 10%; got " + percent);
        }
    }

    /** How much worse the later run is, as a fraction of the baseline: 0.5 is a time up by half or a throughput down by half. */
    static double worsening(Change change) {
        return change.base().higherIsBetter() ? 1 - change.ratio() : change.ratio() - 1;
    }

    /** The allowance as typed: {@code 10%}, {@code 2.5%}. */
    String allowance() {
        return (percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent)) + "%";
    }

    boolean fails(Change change) {
        return change.significance().equals("yes") && worsening(change) > percent / 100;
    }

    List<Change> regressions(List<Change> changes) {
        return changes.stream().filter(this::fails).toList();
    }

    /** One line per regression, for the CI log: the case, both medians, the ratio and how much worse. */
    static String line(Change change) {
        return "regression: " + change.key() + ": " + RunComparison.shown(change.base()) + " -> " + RunComparison.shown(change.later())
                + " (B/A " + Numbers.ratio(change.ratio()) + ", " + Numbers.digits(100 * worsening(change)) + "% worse, "
                + (change.base().higherIsBetter() ? "throughput: higher is better" : "time: lower is better") + "; " + change.method() + ")";
    }
}
