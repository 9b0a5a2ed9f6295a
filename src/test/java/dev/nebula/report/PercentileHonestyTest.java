package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** p99 only from 1,000 samples, p90 from 100; otherwise "max of N", and the § mark on any case whose forks disagree. */
class PercentileHonestyTest {

    private static Measurement cold(long count, List<Double> forkCentres) {
        Map<String, Double> percentiles = Map.of("50.0", 100.0, "90.0", 150.0, "99.0", 190.0, "100.0", 400.0);
        Metric metric = new Metric(110, 5, "us/op", List.of(100.0, 120.0, 110.0), percentiles, forkCentres, count);
        return new Measurement("dev.nebula.bench.ColdStartWarmHost.coldInvoke", "sample",
                Map.of("runtime", "x", "fn", "fib", "n", "S"), metric, Map.of(), forkCentres.size());
    }

    @Test
    void thresholdsAreAHundredForP90AndAThousandForP99() {
        assertEquals(100, MetricMaths.samplesFor(90));
        assertEquals(1000, MetricMaths.samplesFor(99));
    }

    @Test
    void fewerThanAThousandSamplesShowTheMaxInsteadOfP99() {
        Measurement few = cold(910, List.of(100.0, 101.0, 99.0));
        assertEquals("p90", MetricMaths.tail(few.primary(), 90).label());
        assertEquals("max of 910", MetricMaths.tail(few.primary(), 99).label());
        assertEquals(400, MetricMaths.tail(few.primary(), 99).micros(), 1e-9);
        assertEquals("100 µs (150 µs / max of 910 400 µs)", MetricMaths.distribution(few));
    }

    @Test
    void fewerThanAHundredSamplesShowOnlyTheMax() {
        Measurement tiny = cold(91, List.of(100.0, 101.0, 99.0));
        assertEquals("100 µs (max of 91 400 µs)", MetricMaths.distribution(tiny));
        assertTrue(CsvReport.csv(List.of(tiny)).lines().skip(1).findFirst().orElseThrow().contains(",max of 91,max of 91,"));
    }

    @Test
    void enoughSamplesShowBothPercentiles() {
        Measurement many = cold(5000, List.of(100.0, 101.0, 99.0));
        assertEquals("100 µs (150 µs / 190 µs)", MetricMaths.distribution(many));
    }

    @Test
    void forksApartByMoreThanAFifthAreMarkedOnThePageLabel() {
        assertTrue(HtmlReport.markedLabel(cold(5000, List.of(100.0, 130.0))).endsWith(" §"));
        assertFalse(HtmlReport.markedLabel(cold(5000, List.of(100.0, 110.0))).contains("§"));
    }
}
