package dev.nebula.results;

import java.util.List;
import java.util.Map;

/**
 * One JMH metric of one benchmark case: the score JMH reports, its error (half-width of the 99.9% confidence
 * interval; NaN when there are too few samples), every iteration's score flattened over forks, and what the report
 * needs for distributions.
 *
 * @param samples each measured iteration's score, fork after fork (in sample mode, the mean of the iteration's samples)
 * @param percentiles JMH's percentiles of the score, keyed as JMH writes them ({@code "50.0"}, {@code "99.0"}, ...);
 *     over every sample in sample mode, over the iteration scores otherwise
 * @param forkCentres one number per fork: the median of its samples in sample mode, the mean of its iterations otherwise
 * @param count how many samples the score rests on: timed operations in sample mode, iterations otherwise
 */
public record Metric(double score, double error, String unit, List<Double> samples, Map<String, Double> percentiles,
                     List<Double> forkCentres, long count) {

    public Metric(double score, double error, String unit, List<Double> samples) {
        this(score, error, unit, samples, Map.of(), List.of(), samples.size());
    }

    /** Whether JMH computed a finite score (a failed or empty measurement does not). */
    public boolean isFinite() {
        return Double.isFinite(score);
    }

    /** JMH's percentile {@code p} (50, 90, 99, ...), or NaN when JMH wrote none. */
    public double percentile(double p) {
        return percentiles.getOrDefault(Double.toString(p), Double.NaN);
    }

    /** The median: JMH's 50th percentile, or the score when JMH wrote no percentiles. */
    public double median() {
        double median = percentile(50.0);
        return Double.isNaN(median) ? score : median;
    }

    /** How far apart the forks are: (largest − smallest fork centre) / smallest; NaN with fewer than two forks. */
    public double forkSpread() {
        if (forkCentres.size() < 2) {
            return Double.NaN;
        }
        double min = forkCentres.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = forkCentres.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return (max - min) / min;
    }
}
