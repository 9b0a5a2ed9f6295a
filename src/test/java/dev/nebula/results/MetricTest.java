package dev.nebula.results;

import dev.nebula.report.MetricMaths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricTest {
    private static Measurement withForks(Double... centres) {
        Metric metric = new Metric(110, 5, "us/op", List.of(1.0, 2.0), Map.of("50.0", 100.0, "90.0", 150.0, "99.0", 400.0),
                List.of(centres), 5000);
        return new Measurement("dev.nebula.bench.ColdStartWarmHost.coldInvoke", "sample", Map.of(), metric, Map.of(), centres.length);
    }

    @Test
    void flagsForksMoreThanTwentyPercentApartAndComparesMedians() {
        Measurement apart = withForks(100.0, 99.0, 125.0);
        assertEquals(26.0 / 99.0, apart.primary().forkSpread(), 1e-12);
        assertTrue(MetricMaths.forksDisagree(apart));
        assertTrue(MetricMaths.distribution(apart).endsWith(" §"), MetricMaths.distribution(apart));
        Measurement close = withForks(100.0, 110.0, 105.0);
        assertFalse(MetricMaths.forksDisagree(close));
        assertEquals(100.0, MetricMaths.micros(close.primary()), "the median, not the mean (110)");
        assertEquals("100 µs (150 µs / 400 µs)", MetricMaths.distribution(close));
        assertTrue(Double.isNaN(withForks(100.0).primary().forkSpread()), "one fork has no spread");
    }
}
