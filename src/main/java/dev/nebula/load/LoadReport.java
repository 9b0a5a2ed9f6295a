package dev.nebula.load;

import dev.nebula.serve.StartMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.function.CatalogFunction;
import dev.nebula.report.PngCharts;
import dev.nebula.results.ResultsWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;

/** The load benchmark's files: {@code <stamp>.json}, {@code <stamp>.md}, and two charts, throughput and p99 latency. */
record LoadReport(LoadMatrix.Plan plan, CatalogFunction function, long n, String expected, Instant started, Instant finished,
                  JsonNode limits, List<LoadGenerator.CellResult> cells, Map<String, String> skipped, List<String> leftovers) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    List<Path> write(Path dir, String stamp) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        written.add(atomically(dir.resolve(stamp + ".json"), JSON.writeValueAsBytes(json(stamp))));
        written.add(atomically(dir.resolve(stamp + ".md"), markdown(stamp).getBytes(StandardCharsets.UTF_8)));
        System.setProperty("java.awt.headless", "true");
        if (!cells.isEmpty()) {
            written.add(chart(dir.resolve(stamp + "-throughput.png"), "Successful requests per second, " + what(),
                    "requests / s", LoadGenerator.CellResult::throughputPerSecond));
            written.add(chart(dir.resolve(stamp + "-p99.png"), "p99 latency of successful requests, " + what(),
                    "ms", LoadGenerator.CellResult::p99Ms));
        }
        return written;
    }

    private String what() {
        return function.id() + " n=" + n + ", end to end over HTTP";
    }

    private ObjectNode json(String stamp) {
        ObjectNode root = JSON.createObjectNode();
        root.put("stamp", stamp);
        root.put("what", "nebula serve under closed-loop HTTP load: " + what());
        root.put("fn", function.id());
        root.put("n", n);
        root.put("expected", expected);
        root.put("quick", plan.quick());
        root.put("durationPerCellSeconds", plan.duration().toMillis() / 1000.0);
        root.put("warmupPerCellSeconds", plan.warmup().toMillis() / 1000.0);
        root.put("started", started.toString());
        root.put("finished", finished.toString());
        root.put("runSeconds", Duration.between(started, finished).toSeconds());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", java.lang.Runtime.getRuntime().availableProcessors());
        machine.put("javaVersion", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        root.set("serverLimitsPerRuntime", limits);
        ObjectNode skippedNode = root.putObject("skipped");
        skipped.forEach(skippedNode::put);
        ArrayNode leftoverNode = root.putArray("leftovers");
        leftovers.forEach(leftoverNode::add);
        root.set("cells", JSON.valueToTree(cells));
        return root;
    }

    private String markdown(String stamp) {
        StringBuilder md = new StringBuilder();
        md.append("# nebula serve under load: ").append(stamp).append("\n\n");
        md.append(plan.quick() ? "**Quick run: a smoke test, not a measurement.**\n\n" : "");
        md.append("`").append(what()).append("`; each cell ").append(plan.duration().toMillis() / 1000.0).append(" s after a ")
                .append(plan.warmup().toMillis() / 1000.0).append(" s warm-up, closed loop (each connection sends its next request")
                .append(" when the answer arrives). Machine: ").append(java.lang.Runtime.getRuntime().availableProcessors())
                .append(" cores, JDK ").append(System.getProperty("java.version")).append("; run took ")
                .append(Duration.between(started, finished).toSeconds()).append(" s. Server limits per runtime: ")
                .append(limits).append(".\n\n");
        md.append("`anchor` is the server answering a constant through the same stack (Jetty, the guard, routing, a JSON")
                .append(" answer) with no runtime: a warm cell minus it is what the invoke path and the runtime add.\n\n");
        md.append("Throughput and latency count successful answers only; *refused* are 503 answers of the admission limit")
                .append(" (overload refused cleanly), *errors* everything else that failed, *wrong* answers that differ from")
                .append(" the Java reference.\n\n");
        md.append("| runtime | start | connections | ok req/s | p50 ms | p99 ms | p99.9 ms | max ms | ok | refused | errors | wrong |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadGenerator.CellResult cell : cells) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.3f | %.3f | %.3f | %.3f | %d | %d | %d%s | %d |%n",
                    cell.runtime(), cell.start(), cell.concurrency(), cell.throughputPerSecond(), cell.p50Ms(), cell.p99Ms(),
                    cell.p999Ms(), cell.maxMs(), cell.ok(), cell.refused(), cell.errors(),
                    cell.errorKinds().isEmpty() ? "" : " " + cell.errorKinds(), cell.wrongAnswers()));
        }
        skipped.forEach((runtime, why) -> md.append("\nSkipped ").append(runtime).append(": ").append(why).append('\n'));
        md.append(leftovers.isEmpty()
                ? "\nAfter the server stopped (SIGTERM): no process and no container left.\n"
                : "\n**Left behind after the server stopped:** " + String.join("; ", leftovers) + "\n");
        return md.toString();
    }

    private interface Metric {
        double of(LoadGenerator.CellResult cell);
    }

    private Path chart(Path file, String title, String yAxis, Metric metric) throws IOException {
        List<String> runtimes = cells.stream().map(LoadGenerator.CellResult::runtime).distinct().toList();
        CategoryChart chart = PngCharts.chart(title, yAxis + " (log scale)", true);
        double min = Double.MAX_VALUE;
        for (StartMode start : StartMode.values()) {
            for (int concurrency : plan.concurrencies()) {
                List<Double> values = new ArrayList<>();
                for (String runtime : runtimes) {
                    double value = cells.stream()
                            .filter(c -> c.runtime().equals(runtime) && c.start().equals(start.id()) && c.concurrency() == concurrency)
                            .mapToDouble(metric::of).filter(v -> v > 0).findFirst().orElse(Double.NaN);
                    values.add(value);
                    min = Double.isNaN(value) ? min : Math.min(min, value);
                }
                chart.addSeries(start.id() + ", " + concurrency + " conn.", runtimes, values);
            }
        }
        // A log axis needs an explicit floor: the decade below the smallest bar (XChart would take 0).
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min == Double.MAX_VALUE ? 1 : min))));
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }

    /** An interrupted run leaves no half file. */
    private static Path atomically(Path file, byte[] content) throws IOException {
        ResultsWriter.writeAtomically(file, content);
        return file;
    }
}
