package dev.nebula.results;

import java.util.Map;

/**
 * One entry of a JMH JSON result file: a benchmark method at one combination of parameters.
 *
 * @param benchmark the full method name, e.g. {@code dev.nebula.bench.SteadyState.invoke}
 * @param mode JMH's short mode name: {@code thrpt}, {@code avgt}, {@code ss}, {@code sample}
 * @param secondary secondary metrics by label, sorted as JMH sorts them (phases are {@code phase.<i>.<name>})
 */
public record Measurement(String benchmark, String mode, Map<String, String> params, Metric primary,
                          Map<String, Metric> secondary, int forks) {

    /** The benchmark class's simple name, e.g. {@code SteadyState}. */
    public String benchmarkClass() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    public String runtime() {
        return param("runtime");
    }

    public String fn() {
        return param("fn");
    }

    public String n() {
        return param("n");
    }

    public String abi() {
        return param("abi");
    }

    /** Whether a higher score is better (throughput) rather than worse (time per operation). */
    public boolean higherIsBetter() {
        return mode.equals("thrpt");
    }
}
