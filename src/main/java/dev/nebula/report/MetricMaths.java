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

    /** What § means, said once per document (page and Markdown) wherever a case carries it. */
    static final String FORKS_DISAGREE_LEGEND = FORKS_DISAGREE_MARK + " The forks disagree: their centres (median per fork in sample"
            + " mode, mean per fork otherwise) differ by more than " + Math.round(FORK_SPREAD_LIMIT * 100) + "%, so the case did not"
            + " reproduce between JVMs; read its figure with care (the spread of every case is forkSpread in the CSV). Any benchmark"
            + " may carry it; it says nothing about why.";

    /** The marks a figure of this case carries, each after a space: ‡ unsettled, § forks disagree; empty when none. */
    static String marks(Measurement m) {
        return (capped(m) ? " " + UNSETTLED_MARK : "") + (forksDisagree(m) ? " " + FORKS_DISAGREE_MARK : "");
    }

    /** A time cell: the median, then the tail (p90 and p99, or the max where too few samples) where JMH wrote percentiles, then the marks. */
    public static String distribution(Measurement m) {
        Metric metric = m.primary();
        String cell = Numbers.time(micros(metric));
        Tail p90 = tail(metric, 90);
        Tail p99 = tail(metric, 99);
        if (!Double.isNaN(p90.value()) && metric.count() > metric.samples().size()) {
            cell += " (" + (p90.isMax() ? p90.cell() : Numbers.time(p90.micros()) + " / " + (p99.isMax() ? p99.cell() : Numbers.time(p99.micros()))) + ")";
        }
        return cell + marks(m);
    }

    /** The fewest samples a percentile is shown from: p99 from 1,000, p90 from 100 (below that it is the maximum or near it). */
    static long samplesFor(double p) {
        return Math.round(10 / (1 - p / 100));
    }

    /**
     * A percentile honest to its sample count: JMH's p-th when the case has {@link #samplesFor} samples, else the largest
     * sample, labelled "max of N" so that nobody reads the single slowest request as a p99.
     *
     * @param value in the metric's own unit
     * @param label {@code p99} or {@code max of 91}
     */
    record Tail(double value, String unit, String label, boolean isMax) {
        /** The value as microseconds: for a time metric only. */
        double micros() {
            return Numbers.micros(value, unit);
        }

        String cell() {
            return label + " " + Numbers.time(micros());
        }
    }

    static Tail tail(Metric metric, double p) {
        if (metric.count() >= samplesFor(p)) {
            return new Tail(metric.percentile(p), metric.unit(), "p" + Math.round(p), false);
        }
        double max = metric.percentile(100.0);
        return new Tail(Double.isNaN(max) ? metric.percentile(p) : max, metric.unit(), "max of " + metric.count(), true);
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

    /**
     * What the thesis's timer held in a {@code ColdStartCompileCache} request: its {@code deploy} (a new engine, the
     * code loaded from the cache) and the WASI {@code context} phases (means), in µs; NaN when either is missing.
     */
    static double thesisTimerMicros(Measurement cached) {
        Map<String, Double> phases = phases(cached);
        return phases.getOrDefault("deploy", Double.NaN) + phases.getOrDefault("context", Double.NaN);
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
