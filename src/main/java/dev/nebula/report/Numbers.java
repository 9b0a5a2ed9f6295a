package dev.nebula.report;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Formats JMH scores for people: times in the unit that reads best, rates with SI prefixes, three digits. */
final class Numbers {
    /** What a number JMH could not compute (NaN, an infinity, a missing case) shows as. */
    static final String MISSING = "–";

    private Numbers() {}

    /** Nanoseconds per unit of a JMH time unit label ({@code ns/op}, {@code us/op}, {@code ms/op}, {@code s/op}). */
    static double nanosPer(String unit) {
        String timeUnit = unit.replace("/op", "").replace('µ', 'u').strip();
        return switch (timeUnit) {
            case "ns" -> 1;
            case "us" -> TimeUnit.MICROSECONDS.toNanos(1);
            case "ms" -> TimeUnit.MILLISECONDS.toNanos(1);
            case "s" -> TimeUnit.SECONDS.toNanos(1);
            case "min" -> TimeUnit.MINUTES.toNanos(1);
            default -> throw new IllegalArgumentException("not a JMH time unit: " + unit);
        };
    }

    /** A time in {@code unit}, as microseconds. */
    static double micros(double value, String unit) {
        return value * nanosPer(unit) / 1_000;
    }

    /** A time given in microseconds, in the unit that reads best: {@code 812 ns}, {@code 3.41 ms}. */
    static String time(double micros) {
        if (!Double.isFinite(micros)) {
            return MISSING;
        }
        double nanos = micros * 1_000;
        if (nanos < 1_000) {
            return digits(nanos) + " ns";
        }
        if (nanos < 1_000_000) {
            return digits(nanos / 1_000) + " µs";
        }
        if (nanos < 1_000_000_000) {
            return digits(nanos / 1_000_000) + " ms";
        }
        return digits(nanos / 1_000_000_000) + " s";
    }

    /** A time with its error: {@code 3.41 ms ± 0.12 ms}; the error is left out when JMH had too few samples. */
    static String time(double micros, double errorMicros) {
        return Double.isFinite(errorMicros) ? time(micros) + " ± " + time(errorMicros) : time(micros);
    }

    /** A rate per second: {@code 1.23 M/s}. */
    static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? scaled(perSecond, 1_000, "/s", "k/s", "M/s", "G/s") : MISSING;
    }

    /** A ratio: {@code 0.52×}. */
    static String ratio(double ratio) {
        return Double.isFinite(ratio) ? digits(ratio) + "×" : MISSING;
    }

    /** A count or size with three digits and an SI prefix (k, M, G), {@code –} when not finite. */
    static String count(double value) {
        return Double.isFinite(value) ? rate(value).replace("/s", "").strip() : MISSING;
    }

    /** An energy given in µJ, in the unit that reads best: {@code 530 mJ}. */
    static String energy(double microJoules) {
        if (!Double.isFinite(microJoules)) {
            return MISSING;
        }
        double magnitude = Math.abs(microJoules);
        if (magnitude >= 1e6) {
            return digits(microJoules / 1e6) + " J";
        }
        return magnitude >= 1e3 ? digits(microJoules / 1e3) + " mJ" : digits(microJoules) + " µJ";
    }

    /** Bytes in binary units: {@code 1.50 MiB}. */
    static String bytes(double bytes) {
        return Double.isFinite(bytes) ? scaled(bytes, 1024, "B", "KiB", "MiB", "GiB") : MISSING;
    }

    /** {@code value} in the largest of {@code units} (each {@code base} times the one before) that keeps it at least 1. */
    private static String scaled(double value, double base, String... units) {
        int unit = 0;
        while (Math.abs(value) >= base && unit < units.length - 1) {
            value /= base;
            unit++;
        }
        return digits(value) + " " + units[unit];
    }

    /** Three significant digits, no exponent. */
    static String digits(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** The geometric mean: the mean that fits ratios. NaN for an empty list. */
    static double geometricMean(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        return Math.exp(values.stream().mapToDouble(Math::log).sum() / values.size());
    }
}
