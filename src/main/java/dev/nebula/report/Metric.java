package dev.nebula.report;

import java.util.List;

/**
 * One JMH metric of one benchmark case: the score JMH reports, its error (half-width of the 99.9% confidence
 * interval; NaN when there are too few samples) and every raw sample, flattened over forks.
 */
public record Metric(double score, double error, String unit, List<Double> samples) {

    /** Whether JMH computed a finite score (a failed or empty measurement does not). */
    public boolean isFinite() {
        return Double.isFinite(score);
    }
}
