package dev.nebula.report;

import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import java.util.List;

/**
 * {@code <stamp>.csv}: every metric of every case, one row each, for a spreadsheet. The {@code unsettled} column is 1
 * on every row of a case whose warm-up hit its cap in some fork, so a filter on the primary rows cannot lose it. p90 and
 * p99 are percentiles only from enough samples (100, 1,000); otherwise the maximum, and {@code p90From} / {@code p99From}
 * say {@code max of N}.
 */
final class CsvReport {
    static final String HEADER = "benchmark,mode,runtime,abi,jdk,fn,n,metric,score,error,unit,samples,p50,p90,p99,p90From,p99From,forkSpread,unsettled\n";

    private CsvReport() {}

    static String csv(List<Measurement> results) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (Measurement m : results) {
            row(csv, m, "primary", m.primary());
            m.secondary().forEach((label, metric) -> row(csv, m, label, metric));
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, Measurement m, String metricName, Metric metric) {
        List<String> cells = List.of(m.benchmarkClass() + "." + m.benchmark().substring(m.benchmark().lastIndexOf('.') + 1),
                m.mode(), m.runtime(), m.abi(), m.param("jdk"), m.fn(), m.n(), metricName,
                Double.toString(metric.score()), Double.toString(metric.error()), metric.unit(),
                Long.toString(metric.count()), Double.toString(metric.percentile(50.0)),
                Double.toString(tailValue(metric, 90)), Double.toString(tailValue(metric, 99)),
                MetricMaths.tail(metric, 90).label(), MetricMaths.tail(metric, 99).label(),
                Double.toString(metric.forkSpread()), MetricMaths.capped(m) ? "1" : "0");
        csv.append(String.join(",", cells.stream().map(CsvReport::cell).toList())).append('\n');
    }

    /** The p-th percentile in the metric's own unit, or its max where too few samples (the p90From / p99From column says which). */
    private static double tailValue(Metric metric, double p) {
        return MetricMaths.tail(metric, p).value();
    }

    private static String cell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
