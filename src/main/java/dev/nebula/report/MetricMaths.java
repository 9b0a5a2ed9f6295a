package dev.nebula.report;

import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.Size;
import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a case's metrics mean as the report reads them: microseconds, calls per second, phases, and the marks that
 * qualify a figure (forks that disagree, a warm-up that hit its cap, a size label below its target). Timings are
 * heavy-tailed (a GC pause, a noisy neighbour), so the report compares medians, never means.
 */
public final class MetricMaths {
    /** Forks whose centres differ by more than this are flagged: the case did not reproduce within the run. */
    static final double FORK_SPREAD_LIMIT = 0.2;
    /** The secondary metric the warm-ups write: 1 when a fork measured before its JIT went quiet. */
    static final String WARMUP_CAPPED = "warmup.capped";
    /** The mark of a figure whose forks disagree. */
    static final String FORKS_DISAGREE_MARK = "§";
    /** The mark of a figure measured before its host settled. */
    static final String UNSETTLED_MARK = "‡";

    private MetricMaths() {}

    /** The metric's median as microseconds per operation: over every timed operation in sample mode, over the iterations otherwise. */
    public static double micros(Metric metric) {
        return Numbers.micros(metric.median(), metric.unit());
    }

    /** The metric's mean (JMH's score) as microseconds per operation: what phase means add up to. */
    static double meanMicros(Metric metric) {
        return Numbers.micros(metric.score(), metric.unit());
    }

    /** Calls per second of a steady-state measurement (the median iteration), whichever mode ran. */
    static double perSecond(Measurement m) {
        Metric metric = m.primary();
        if (m.higherIsBetter()) {
            String timeUnit = metric.unit().substring(metric.unit().indexOf('/') + 1);
            return metric.median() * 1e9 / Numbers.nanosPer(timeUnit);
        }
        return 1e6 / micros(metric);
    }

    /** Whether the case's forks disagree by more than {@link #FORK_SPREAD_LIMIT}. */
    public static boolean forksDisagree(Measurement m) {
        return m.primary().forkSpread() > FORK_SPREAD_LIMIT;
    }

    /**
     * Whether any fork of the case was measured before its warm-up settled (see {@code dev.nebula.measure.WarmUp}):
     * the flag is 0 or 1 per iteration, so its mean is above 0 as soon as one fork hit the cap.
     */
    static boolean capped(Measurement m) {
        Metric capped = m.secondary().get(WARMUP_CAPPED);
        return capped != null && capped.score() > 0;
    }

    /** The marks a figure of this case carries, each after a space: ‡ unsettled, § forks disagree; empty when none. */
    static String marks(Measurement m) {
        return (capped(m) ? " " + UNSETTLED_MARK : "") + (forksDisagree(m) ? " " + FORKS_DISAGREE_MARK : "");
    }

    /** A time cell: the median, then p90 and p99 where JMH wrote percentiles, then the case's marks. */
    public static String distribution(Measurement m) {
        Metric metric = m.primary();
        String cell = Numbers.time(micros(metric));
        double p90 = metric.percentile(90.0);
        double p99 = metric.percentile(99.0);
        if (!Double.isNaN(p90) && metric.count() > metric.samples().size()) {
            cell += " (" + Numbers.time(Numbers.micros(p90, metric.unit())) + " / " + Numbers.time(Numbers.micros(p99, metric.unit())) + ")";
        }
        return cell + marks(m);
    }

    /** The phases of a cold-start measurement, in order, as name to mean microseconds. */
    static Map<String, Double> phases(Measurement m) {
        Map<String, Double> phases = new LinkedHashMap<>();
        m.secondary().forEach((label, metric) -> {
            if (label.startsWith("phase.")) {
                phases.put(label.substring(label.indexOf('.', "phase.".length()) + 1), micros(metric));
            }
        });
        return phases;
    }

    /** Whether a size label could not reach its target time for this function (see {@link CatalogFunction#reachesTarget}). */
    static boolean belowTarget(String fn, String n) {
        try {
            return !CatalogFunction.byId(fn).reachesTarget(Size.valueOf(n.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NebulaException e) {
            return false; // a number rather than a label, or an id this build does not know
        }
    }

    /** Whether n is a size label (S, M, L) rather than an explicit number. */
    static boolean isSizeLabel(String n) {
        return java.util.Arrays.stream(Size.values()).anyMatch(size -> size.name().equalsIgnoreCase(n.strip()));
    }

    /** The n a case ran with, as a number: S/M/L resolved through the function catalog. NaN when unknown. */
    static double numericN(Measurement m) {
        try {
            return CatalogFunction.byId(m.fn()).input(m.n());
        } catch (NebulaException | IllegalArgumentException e) {
            return Double.NaN;
        }
    }
}
