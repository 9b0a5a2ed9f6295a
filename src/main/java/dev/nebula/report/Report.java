package dev.nebula.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import dev.nebula.results.ResultFiles;
import dev.nebula.results.ResultsCheck;
import dev.nebula.results.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One run's measurements and the queries every view of them shares; {@link #write} turns a JMH result file (and its
 * sidecar) into what people read, beside it: the page {@code <stamp>.html} ({@link HtmlReport}) and its headline chart
 * {@code <stamp>-cold-start.svg}, {@code <stamp>.md} ({@link MarkdownReport}), {@code <stamp>.csv} ({@link CsvReport})
 * and the charts of {@link PngCharts}. The command line is {@link ReportCommand}.
 *
 * <p>Ratios to plain Java are only ever taken within the one file: both numbers come from the same run on the same
 * machine, so the machine's speed cancels out and the ratio is the comparable part.
 */
public final class Report {
    static final String WARM_HOST = "ColdStartWarmHost";
    static final String PROCESS_HOST = "ColdStartProcess";
    /** The thesis's shape with Wasmtime's compilation cache: a new engine per request, the code loaded, not compiled. */
    static final String COMPILE_CACHE = "ColdStartCompileCache";
    static final String STEADY = "SteadyState";
    static final String DEFAULT_ABI = "default";

    private final List<Measurement> results;
    private final JsonNode env;
    private final String stamp;
    /** The cases by benchmark class and by kind, grouped once: every section selects from them, so a query never scans the run. */
    private final Map<String, List<Measurement>> byClass = new HashMap<>();
    private final Map<BenchmarkKind, List<Measurement>> byKind = new EnumMap<>(BenchmarkKind.class);
    /** Plain Java's steady-state cases by mode, fn and n, as written and resolved: the denominators of every speed ratio. */
    private final Map<String, Measurement> baselines = new HashMap<>();

    Report(List<Measurement> results, JsonNode env, String stamp) {
        this.results = results;
        this.env = env;
        this.stamp = stamp;
        for (Measurement m : results) {
            String benchmarkClass = m.benchmarkClass();
            byClass.computeIfAbsent(benchmarkClass, c -> new ArrayList<>()).add(m);
            byKind.computeIfAbsent(BenchmarkKind.of(benchmarkClass), k -> new ArrayList<>()).add(m);
            if (benchmarkClass.equals(STEADY) && label(m).equals(RuntimeRoles.BASELINE)) {
                baselines.putIfAbsent(m.mode() + " " + m.fn() + " " + m.n(), m);
                baselines.putIfAbsent(m.mode() + " " + m.fn() + " = " + resolvedN(m), m);
            }
        }
    }

    /** {@code dev.nebula.report.Report} is the documented command; {@link ReportCommand} reads it. */
    public static void main(String[] args) {
        ReportCommand.main(args);
    }

    /** Writes the report beside {@code json}; returns the files written. */
    public static List<Path> write(Path json) throws IOException {
        RunInfo run = RunInfo.of(json);
        Report report = new Report(JmhResults.read(json), run.env(), ResultFiles.stamp(json));
        List<Path> written = new ArrayList<>();
        written.add(writeText(ResultFiles.beside(json, ".md"), new MarkdownReport(report).markdown()));
        written.add(writeText(ResultFiles.beside(json, ".csv"), CsvReport.csv(report.results)));
        written.addAll(new PngCharts(report).write(json));
        HtmlReport page = new HtmlReport(report, run, problems(json));
        written.add(writeText(ResultFiles.beside(json, ".html"), page.html()));
        Optional<String> headline = page.headlineSvg();
        if (headline.isPresent()) {
            // The page's first chart as a file of its own, for the README: a standalone SVG needs its XML prolog.
            written.add(writeText(ResultFiles.beside(json, "-cold-start.svg"),
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + headline.get()));
        }
        return written;
    }

    private static Path writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** What the results check finds missing or not finite; a run without a sidecar has nothing to check against. */
    private static List<String> problems(Path json) {
        if (!Files.isRegularFile(ResultFiles.sidecar(json))) {
            return List.of();
        }
        return ResultsCheck.check(json);
    }

    List<Measurement> results() {
        return results;
    }

    /** The sidecar, or null when the run has none. */
    JsonNode env() {
        return env;
    }

    String stamp() {
        return stamp;
    }

    // ---- selections ----

    List<Measurement> of(String benchmarkClass, Predicate<Measurement> filter) {
        return of(benchmarkClass).stream().filter(filter).toList();
    }

    List<Measurement> of(String benchmarkClass) {
        return Collections.unmodifiableList(byClass.getOrDefault(benchmarkClass, List.of()));
    }

    List<Measurement> of(BenchmarkKind kind) {
        return Collections.unmodifiableList(byKind.getOrDefault(kind, List.of()));
    }

    /** A runtime as a row label: its id, and the ABI when it is not the runtime's default. */
    static String label(Measurement m) {
        return m.abi().isEmpty() || m.abi().equals(DEFAULT_ABI) ? m.runtime() : m.runtime() + " (" + m.abi() + ")";
    }

    static List<String> distinct(List<Measurement> measurements, Function<Measurement, String> key) {
        Set<String> values = new LinkedHashSet<>();
        measurements.forEach(m -> values.add(key.apply(m)));
        return List.copyOf(values);
    }

    /**
     * The n a summary (a grid, a chart per n) shows: the size labels (S, M, L) the cases have, or the first n when they
     * have none. A sweep's explicit n go to the scaling chart and the detail table, once, not into a table or chart each.
     */
    static List<String> summarySizes(List<Measurement> measurements) {
        List<String> all = distinct(measurements, Measurement::n);
        List<String> labels = all.stream().filter(MetricMaths::isSizeLabel).toList();
        return !labels.isEmpty() ? labels : all.isEmpty() ? List.of() : List.of(all.getFirst());
    }

    static Optional<Measurement> find(List<Measurement> measurements, String label, String fn, String n) {
        return measurements.stream()
                .filter(m -> label(m).equals(label) && m.fn().equals(fn) && m.n().equals(n)).findFirst();
    }

    /** A {@code ColdStartProcess} case: its runtime's whole host process, with the plain JDK or an AOT cache. */
    static Optional<Measurement> hostProcess(List<Measurement> hosts, String runtime, String jdk) {
        return hosts.stream().filter(m -> m.runtime().equals(runtime) && m.param("jdk").equals(jdk)).findFirst();
    }

    /**
     * A case's n as the catalog resolves it, so that a size label and a sweep's point at the label's input are one n (a
     * suite may sweep plain Java over numbers and measure another runtime at S and L); the n as written when unknown.
     */
    static String resolvedN(Measurement m) {
        double n = MetricMaths.numericN(m);
        return Double.isFinite(n) ? Long.toString((long) n) : m.n();
    }

    /** Speed relative to plain Java on the same fn and n (resolved, {@link #resolvedN}) in this run: 0.5 means half as fast. */
    double speedRatio(Measurement m) {
        // The same n as written first: exp's S and L are one input, measured twice.
        return Optional.ofNullable(baselines.getOrDefault(m.mode() + " " + m.fn() + " " + m.n(),
                        baselines.get(m.mode() + " " + m.fn() + " = " + resolvedN(m))))
                .map(java -> MetricMaths.perSecond(m) / MetricMaths.perSecond(java)).orElse(Double.NaN);
    }
}
