package dev.nebula.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The HTML report's charts: XChart charts exported as SVG (through VectorGraphics2D) and inlined into the page, so
 * it opens offline. Every chart carries its title, its axes with units, and a subtitle naming the machine and run.
 */
final class SvgCharts {
    static final int WIDTH = 560;
    static final int HEIGHT = 460;

    private static final Pattern DECIMALS = Pattern.compile("(\\d\\.\\d)\\d+");

    private SvgCharts() {}

    /** One value with its whiskers: a centre (a median) and a low and a high end (NaN where there is none). */
    record Whisker(String category, double centre, double low, double high) {}

    /**
     * A dot per category at its centre, with a whisker over its range, low and high marked (for medians: p90 and p99;
     * for ratios: the slowest and the fastest fork), on a log axis. XChart has no asymmetric whiskers, so the whisker
     * is a stick up to the highest value with the part below the lowest drawn over in the background colour.
     */
    static String whiskers(String title, String subtitle, String yAxis, List<Whisker> points, String centreName,
                           String lowName, String highName) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("runtime   ·   " + subtitle).yAxisTitle(yAxis).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setXAxisTickMarkSpacingHint(1);
        List<String> categories = points.stream().map(Whisker::category).toList();
        List<Double> centres = positive(points.stream().map(Whisker::centre).toList());
        List<Double> lows = positive(points.stream().map(Whisker::low).toList());
        List<Double> highs = positive(points.stream().map(Whisker::high).toList());
        CategorySeries high = chart.addSeries(highName, categories, highs);
        high.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Stick);
        high.setMarker(SeriesMarkers.TRIANGLE_DOWN);
        high.setMarkerColor(Color.GRAY);
        high.setLineColor(Color.GRAY);
        high.setLineStyle(new BasicStroke(2f));
        List<Double> bottoms = positive(points.stream().map(p -> Math.min(p.centre(), Math.min(p.low(), p.high()))).toList());
        CategorySeries mask = chart.addSeries(" ", categories, bottoms);
        mask.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Stick);
        mask.setMarker(SeriesMarkers.NONE);
        mask.setLineColor(Color.WHITE);
        mask.setLineStyle(new BasicStroke(4f));
        mask.setShowInLegend(false);
        CategorySeries low = chart.addSeries(lowName, categories, lows);
        low.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        low.setMarker(SeriesMarkers.DIAMOND);
        low.setMarkerColor(Color.DARK_GRAY);
        CategorySeries centre = chart.addSeries(centreName, categories, centres);
        centre.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        centre.setMarker(SeriesMarkers.CIRCLE);
        centre.setMarkerColor(new Color(0x1f77b4));
        double min = Stream.of(centres, lows, highs).flatMap(List::stream).filter(v -> v != null).mapToDouble(Double::doubleValue).min().orElse(1);
        double max = Stream.of(centres, lows, highs).flatMap(List::stream).filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(10);
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max * 1.0001))));
        return svg(chart, "runtime   ·   " + subtitle, yAxis);
    }

    /** The values a log axis can show; anything else is a gap (XChart skips null). */
    private static List<Double> positive(List<Double> values) {
        return values.stream().map(v -> Double.isFinite(v) && v > 0 ? v : null).collect(Collectors.toList());
    }

    /**
     * Lines of y against x on log-log axes, one series per name (a series needs two points to be a line), and a dashed
     * vertical line at each of {@code verticals}' x, named in the legend.
     */
    static String lines(String title, String subtitle, String xAxis, String yAxis, Map<String, Map<Double, Double>> series,
                        Map<String, Double> verticals) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxis + "   ·   " + subtitle).yAxisTitle(yAxis).build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        series.forEach((name, points) -> {
            if (!points.isEmpty()) {
                chart.addSeries(name, new ArrayList<>(points.keySet()), new ArrayList<>(points.values())).setMarker(SeriesMarkers.CIRCLE);
            }
        });
        List<Double> ys = series.values().stream().flatMap(points -> points.values().stream()).toList();
        if (!ys.isEmpty()) {
            // XChart has no vertical marker: a two-point series spanning the data's y range is one.
            double low = ys.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double high = ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            verticals.forEach((name, x) -> {
                XYSeries line = chart.addSeries(name, List.of(x, x), List.of(low, high));
                line.setMarker(SeriesMarkers.NONE);
                line.setLineStyle(SeriesLines.DASH_DASH);
                line.setLineColor(Color.GRAY);
            });
        }
        return svg(chart, xAxis + "   ·   " + subtitle, yAxis);
    }

    /** Stacked bars of absolute values, one bar per category, one stack layer per series (e.g. phases in ms). */
    static String stacked(String title, String subtitle, String xAxis, String yAxis, List<String> categories,
                          Map<String, List<Double>> layers) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxis + "   ·   " + subtitle).yAxisTitle(yAxis).build();
        style(chart.getStyler());
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisTickMarkSpacingHint(1);
        chart.getStyler().setOverlapped(false);
        layers.forEach((name, values) -> {
            CategorySeries layer = chart.addSeries(name, categories, values);
            layer.setShowInLegend(true);
        });
        return svg(chart, xAxis + "   ·   " + subtitle, yAxis);
    }

    private static void style(org.knowm.xchart.style.AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        // Below the plot, so that no legend hides a point.
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(12f));
        styler.setAxisTitleFont(styler.getAxisTitleFont().deriveFont(11f));
        styler.setAxisTickLabelsFont(styler.getAxisTickLabelsFont().deriveFont(10f));
        styler.setLegendFont(styler.getLegendFont().deriveFont(10f));
        styler.setYAxisDecimalPattern("#,##0.###");
    }

    /**
     * The chart as an {@code <svg>} element to inline: no XML prolog or doctype, scaled to its container. XChart draws
     * text as outlines, so the title and axes are repeated as the SVG's accessible name, for screen readers and checks.
     */
    static String svg(Chart<?, ?> chart, String xAxis, String yAxis) {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("XChart could not export an SVG", e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        int start = svg.indexOf("<svg");
        if (start < 0) {
            throw new IllegalStateException("XChart's SVG export holds no <svg> element");
        }
        // XChart draws its text as glyph outlines; a tenth of a pixel is finer than the eye and cuts the page to a third.
        String compact = DECIMALS.matcher(svg.substring(start)).replaceAll("$1").replaceAll("\n\\s+", "\n");
        String name = HtmlPage.escape(chart.getTitle() + " | x: " + xAxis + " | y: " + yAxis);
        return compact.replaceFirst("<svg ", "<svg role=\"img\" class=\"chart\" aria-label=\"" + name.replace("$", "\\$") + "\" ")
                .replaceFirst("(<svg[^>]*>)", "$1<title>" + name.replace("$", "\\$") + "</title>");
    }
}
