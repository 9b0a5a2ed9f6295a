package dev.nebula.report;

import dev.nebula.results.Measurement;
import dev.nebula.results.ResultFiles;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's PNG charts, each beside the results as {@code <stamp>-<name>.png}:
 * <ul>
 *   <li>{@code cold-start}: one cold request in a warm host, per runtime, one bar per fn, at the first n of the run
 *       (S by default); log scale, because runtimes differ by orders of magnitude.</li>
 *   <li>{@code scale-from-zero}: one request by a process that did not exist before it, spawn to exit: a fresh JVM
 *       host per in-JVM runtime (plain JDK, AOT cache) beside the native process and the containers.</li>
 *   <li>{@code steady-state}: steady-state speed relative to {@code java} in the same run (geometric mean over
 *       the fns), one bar per n; log scale, 1 = as fast as plain Java.</li>
 *   <li>{@code cold-start-phases}: what one cold request is made of, per runtime, as shares of the request
 *       (the request's time is in the runtime's label).</li>
 * </ul>
 */
public final class PngCharts {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 560;

    private final Report report;

    PngCharts(Report report) {
        this.report = report;
    }

    List<Path> write(Path json) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> written = new ArrayList<>();
        save(coldStart(), json, "-cold-start.png", written);
        save(scaleFromZero(), json, "-scale-from-zero.png", written);
        save(steadyState(), json, "-steady-state.png", written);
        save(phases(), json, "-cold-start-phases.png", written);
        return written;
    }

    private static void save(Optional<CategoryChart> chart, Path json, String suffix, List<Path> written) throws IOException {
        if (chart.isPresent()) {
            logarithmicFloor(chart.get());
            Path file = ResultFiles.beside(json, suffix);
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart.get(), out, BitmapEncoder.BitmapFormat.PNG);
            }
            written.add(file);
        }
    }

    Optional<CategoryChart> coldStart() {
        List<Measurement> cold = report.of(Report.WARM_HOST);
        if (cold.isEmpty()) {
            return Optional.empty();
        }
        String n = cold.getFirst().n();
        List<Measurement> atN = cold.stream().filter(m -> m.n().equals(n)).toList();
        List<String> labels = Report.distinct(atN, Report::label);
        CategoryChart chart = chart("Cold start in a warm host: one request on a fresh instance (n=" + n + ")",
                "microseconds per request (log scale)", true);
        for (String fn : Report.distinct(atN, Measurement::fn)) {
            chart.addSeries(fn, labels, values(labels, label -> Report.find(atN, label, fn, n).map(m -> MetricMaths.micros(m.primary()))));
        }
        return Optional.of(chart);
    }

    Optional<CategoryChart> scaleFromZero() {
        List<Measurement> hosts = report.of(Report.PROCESS_HOST);
        if (hosts.isEmpty()) {
            return Optional.empty();
        }
        String fn = hosts.getFirst().fn();
        String n = hosts.getFirst().n();
        List<Measurement> warm = report.of(Report.WARM_HOST);
        List<String> labels = new ArrayList<>(Report.distinct(hosts, Measurement::runtime));
        RuntimeRoles.ownProcess().stream().filter(runtime -> Report.find(warm, runtime, fn, n).isPresent()).forEach(labels::add);
        CategoryChart chart = chart("Scale from zero: one request by a fresh process, spawn to exit (fn=" + fn + ", n=" + n + ")",
                "microseconds per request (log scale)", true);
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("JVM host, plain JDK",
                values(labels, runtime -> Report.hostProcess(hosts, runtime, "plain").map(m -> MetricMaths.micros(m.primary()))));
        series.put("JVM host, AOT cache",
                values(labels, runtime -> Report.hostProcess(hosts, runtime, "aotcache").map(m -> MetricMaths.micros(m.primary()))));
        series.put("native process / container",
                values(labels, runtime -> Report.find(warm, runtime, fn, n).filter(m -> RuntimeRoles.ownProcess().contains(runtime))
                        .map(m -> MetricMaths.micros(m.primary()))));
        series.forEach((name, values) -> {
            if (values.stream().anyMatch(Objects::nonNull)) {
                chart.addSeries(name, labels, values);
            }
        });
        return Optional.of(chart);
    }

    Optional<CategoryChart> steadyState() {
        List<Measurement> steady = report.of(Report.STEADY);
        if (steady.isEmpty() || Report.find(steady, RuntimeRoles.BASELINE, steady.getFirst().fn(), steady.getFirst().n()).isEmpty()) {
            return Optional.empty();
        }
        List<String> labels = Report.distinct(steady, Report::label);
        CategoryChart chart = chart("Steady state: speed relative to plain Java in the same run (geometric mean over fns)",
                "calls per second ÷ java's (log scale; 1 = java)", true);
        for (String n : Report.summarySizes(steady)) {
            chart.addSeries("n=" + n, labels, values(labels, label -> {
                List<Double> ratios = steady.stream()
                        .filter(m -> Report.label(m).equals(label) && m.n().equals(n))
                        .map(report::speedRatio).filter(Double::isFinite).toList();
                return ratios.isEmpty() ? Optional.empty() : Optional.of(Numbers.geometricMean(ratios));
            }));
        }
        return Optional.of(chart);
    }

    /** The warm-host cases the phase chart and table show: the run's first fn and n, every runtime. */
    static List<Measurement> phaseCase(Report report) {
        List<Measurement> cold = report.of(Report.WARM_HOST, m -> !MetricMaths.phases(m).isEmpty());
        if (cold.isEmpty()) {
            return List.of();
        }
        String fn = cold.getFirst().fn();
        String n = cold.getFirst().n();
        return cold.stream().filter(m -> m.fn().equals(fn) && m.n().equals(n)).toList();
    }

    Optional<CategoryChart> phases() {
        List<Measurement> cases = phaseCase(report);
        if (cases.isEmpty()) {
            return Optional.empty();
        }
        List<String> labels = cases.stream()
                .map(m -> Report.label(m) + " " + Numbers.time(MetricMaths.meanMicros(m.primary())) + " mean").toList();
        Set<String> phaseNames = new LinkedHashSet<>();
        cases.forEach(m -> phaseNames.addAll(MetricMaths.phases(m).keySet()));
        CategoryChart chart = chart("Where one cold request goes (warm host, fn=" + cases.getFirst().fn() + ", n="
                + cases.getFirst().n() + "): phases as % of the request", "% of the request", false);
        chart.getStyler().setStacked(true);
        chart.getStyler().setYAxisMax(100.0);
        for (String phase : phaseNames) {
            List<Double> shares = new ArrayList<>();
            for (Measurement m : cases) {
                Map<String, Double> phases = MetricMaths.phases(m);
                double total = phases.values().stream().mapToDouble(Double::doubleValue).sum();
                shares.add(phases.containsKey(phase) ? 100 * phases.get(phase) / total : 0.0);
            }
            chart.addSeries(phase, labels, shares);
        }
        return Optional.of(chart);
    }

    /** Bars on a log axis need an explicit floor: the decade below the smallest value (XChart would take 0). */
    private static void logarithmicFloor(CategoryChart chart) {
        if (chart.getStyler().isYAxisLogarithmic()) {
            // XChart 4 holds a gap as NaN, which the filter drops with the zeros.
            double min = chart.getSeriesCollection().stream()
                    .flatMapToDouble(series -> Arrays.stream(series.getYData()))
                    .filter(v -> v > 0).min().orElse(1);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
    }

    /** A chart with one category per runtime, in the report's style; {@code serve}'s load report draws on it too. */
    public static CategoryChart chart(String title, String yAxis, boolean logarithmic) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("runtime").yAxisTitle(yAxis).build();
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(20);
        // Every category is a runtime and must be named: XChart 4 skips the labels of categories closer than this hint.
        chart.getStyler().setXAxisTickMarkSpacingHint(1);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        return chart;
    }

    private interface Value {
        Optional<Double> of(String label);
    }

    /** One value per label; a missing case is a gap (XChart skips null). */
    private static List<Double> values(List<String> labels, Value value) {
        List<Double> values = new ArrayList<>();
        for (String label : labels) {
            values.add(value.of(label).orElse(null));
        }
        return values;
    }
}
