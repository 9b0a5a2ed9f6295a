package dev.nebula.report;

import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.ResultFiles;
import dev.nebula.results.ResultsCheck;
import dev.nebula.results.RunInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.Size;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns one JMH result file (and its sidecar) into what people read, written beside it: {@code <stamp>.md}
 * (tables, with what each number means), {@code <stamp>.csv} (every metric of every case), the charts of
 * {@link PngCharts} and the page {@code <stamp>.html} ({@link HtmlReport}). Usage: {@code Report FILE.json}, or
 * {@code Report --compare A.json B.json ...} ({@link RunComparison}).
 *
 * <p>Ratios to {@code java} are only ever taken within the one file: both numbers come from the same run on the
 * same machine, so the machine's speed cancels out and the ratio is the comparable part.
 */
public final class Report {
    static final String WARM_HOST = "ColdStartWarmHost";
    static final String PROCESS_HOST = "ColdStartProcess";
    /** The runtimes whose every request is a process of its own anyway: a native process and the containers. */
    static final List<String> OWN_PROCESS = List.of("process", "docker", "docker-debian");
    static final String STEADY = "SteadyState";
    static final String BASELINE = "java";
    static final String DEFAULT_ABI = "default";

    private final List<Measurement> results;
    private final JsonNode env;
    private final String stamp;

    Report(List<Measurement> results, JsonNode env, String stamp) {
        this.results = results;
        this.env = env;
        this.stamp = stamp;
    }

    public static void main(String[] args) {
        exitOnBadInput(() -> {
            if (args.length >= 1 && args[0].equals("--compare")) {
                RunComparison.main(List.of(args).subList(1, args.length));
            } else if (args.length == 1 && !args[0].startsWith("-")) {
                write(Path.of(args[0])).forEach(file -> System.out.println("wrote " + file));
            } else {
                throw new NebulaException("usage: Report FILE.json   (writes FILE.html, FILE.md, FILE.csv and FILE-*.png beside it)\n"
                        + "       Report --compare A.json B.json [C.json ...] [--out DIR]   (B/A per case; see RunComparison)");
            }
        });
    }

    interface ReportAction {
        void run() throws IOException;
    }

    /**
     * The one place where the command line meets bad input: a missing, malformed or foreign file is one line naming it
     * and what is wrong, no stack trace, exit status 2.
     */
    static void exitOnBadInput(ReportAction action) {
        try {
            action.run();
        } catch (NebulaException e) {
            System.err.println("report: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("report: cannot write the report: " + e);
            System.exit(2);
        }
    }

    /** Writes the report beside {@code json}; returns the files written. */
    public static List<Path> write(Path json) throws IOException {
        RunInfo run = RunInfo.of(json);
        Report report = new Report(JmhResults.read(json), run.env(), ResultFiles.stamp(json));
        List<Path> written = new ArrayList<>();
        Path markdown = ResultFiles.beside(json, ".md");
        Files.writeString(markdown, report.markdown(), StandardCharsets.UTF_8);
        written.add(markdown);
        Path csv = ResultFiles.beside(json, ".csv");
        Files.writeString(csv, report.csv(), StandardCharsets.UTF_8);
        written.add(csv);
        written.addAll(new PngCharts(report).write(json));
        Path html = ResultFiles.beside(json, ".html");
        Files.writeString(html, new HtmlReport(report, run, problems(json)).html(), StandardCharsets.UTF_8);
        written.add(html);
        return written;
    }

    /** What the results check finds missing or not finite; a run without a sidecar has nothing to check against. */
    private static List<String> problems(Path json) {
        if (!Files.isRegularFile(ResultFiles.sidecar(json))) {
            return List.of();
        }
        return ResultsCheck.check(json);
    }

    // ---- selections shared with PngCharts ----

    List<Measurement> of(String benchmarkClass, Predicate<Measurement> filter) {
        return results.stream().filter(m -> m.benchmarkClass().equals(benchmarkClass)).filter(filter).toList();
    }

    List<Measurement> of(String benchmarkClass) {
        return of(benchmarkClass, m -> true);
    }

    List<Measurement> of(BenchmarkKind kind) {
        return results.stream().filter(m -> BenchmarkKind.of(m) == kind).toList();
    }

    /** A runtime as a row label: its id, and the ABI when it is not the runtime's default. */
    static String label(Measurement m) {
        return m.abi().isEmpty() || m.abi().equals(DEFAULT_ABI) ? m.runtime() : m.runtime() + " (" + m.abi() + ")";
    }

    static List<String> distinct(List<Measurement> measurements, java.util.function.Function<Measurement, String> key) {
        Set<String> values = new LinkedHashSet<>();
        measurements.forEach(m -> values.add(key.apply(m)));
        return List.copyOf(values);
    }

    static Optional<Measurement> find(List<Measurement> measurements, String label, String fn, String n) {
        return measurements.stream()
                .filter(m -> label(m).equals(label) && m.fn().equals(fn) && m.n().equals(n)).findFirst();
    }

    /**
     * The metric's median as microseconds per operation (time modes only): over every timed operation in sample mode,
     * over the iterations otherwise. Timings are heavy-tailed (a GC pause, a noisy neighbour), so the report compares
     * medians, never means.
     */
    public static double micros(Metric metric) {
        return Numbers.micros(metric.median(), metric.unit());
    }

    /** The metric's mean (JMH's score) as microseconds per operation: what phase means add up to. */
    static double meanMicros(Metric metric) {
        return Numbers.micros(metric.score(), metric.unit());
    }

    /** Calls per second of a steady-state measurement (the median iteration), whichever mode ran. */
    static double perSecond(Measurement m) {
        Metric metric = m.primary();
        if (m.higherIsBetter()) {
            String timeUnit = metric.unit().substring(metric.unit().indexOf('/') + 1);
            return metric.median() * 1e9 / Numbers.nanosPer(timeUnit);
        }
        return 1e6 / micros(metric);
    }

    /** Forks whose centres differ by more than this are flagged: the case did not reproduce within the run. */
    static final double FORK_SPREAD_LIMIT = 0.2;

    /** Whether the case's forks disagree by more than {@link #FORK_SPREAD_LIMIT}. */
    public static boolean forksDisagree(Measurement m) {
        return m.primary().forkSpread() > FORK_SPREAD_LIMIT;
    }

    /** A time cell: the median, then p90 and p99 where JMH wrote percentiles, and § when the forks disagree. */
    public static String distribution(Measurement m) {
        Metric metric = m.primary();
        String cell = Numbers.time(micros(metric));
        double p90 = metric.percentile(90.0);
        double p99 = metric.percentile(99.0);
        if (!Double.isNaN(p90) && metric.count() > metric.samples().size()) {
            cell += " (" + Numbers.time(Numbers.micros(p90, metric.unit())) + " / " + Numbers.time(Numbers.micros(p99, metric.unit())) + ")";
        }
        return cell + (forksDisagree(m) ? " §" : "");
    }

    private static void forkSpreadNote(StringBuilder md, List<Measurement> measurements) {
        if (measurements.stream().anyMatch(Report::forksDisagree)) {
            md.append("§ The forks disagree: their centres (median per fork in sample mode, mean per fork otherwise) differ by")
                    .append(" more than ").append(Math.round(FORK_SPREAD_LIMIT * 100)).append("%. Read this case with care; the")
                    .append(" spread of every case is `forkSpread` in the CSV.\n\n");
        }
    }

    /** Speed relative to {@code java} on the same fn and n in this run: 0.5 means half as fast. */
    double speedRatio(Measurement m) {
        return find(of(STEADY, x -> x.mode().equals(m.mode())), BASELINE, m.fn(), m.n())
                .map(java -> perSecond(m) / perSecond(java)).orElse(Double.NaN);
    }

    /** The phases of a cold-start measurement, in order, as name to mean microseconds. */
    static Map<String, Double> phases(Measurement m) {
        Map<String, Double> phases = new LinkedHashMap<>();
        m.secondary().forEach((label, metric) -> {
            if (label.startsWith("phase.")) {
                phases.put(label.substring(label.indexOf('.', "phase.".length()) + 1), micros(metric));
            }
        });
        return phases;
    }

    // ---- Markdown ----

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Nebula benchmark results ").append(stamp).append("\n\n");
        environment(md);
        coldWarmHost(md);
        scaleFromZero(md);
        steadyState(md);
        phaseTable(md);
        md.append(new ResourcesTable(results, ResourcesTable.artifacts(env)).markdown());
        return md.toString();
    }

    private void environment(StringBuilder md) {
        if (env == null) {
            md.append("No sidecar (`").append(stamp).append(".env.json`) was found: machine and versions unknown.\n\n");
            return;
        }
        JsonNode run = env.path("run");
        JsonNode machine = env.path("machine");
        md.append("| | |\n|---|---|\n");
        row(md, "machine", machine.path("cpuModel").asText() + ", " + machine.path("cores").asText() + " cores, "
                + machine.path("memory").asText() + ", " + machine.path("virtualization").asText());
        row(md, "kernel", machine.path("kernel").asText());
        row(md, "JDK", env.path("jdk").path("java.vm.name").asText() + " " + env.path("jdk").path("java.version").asText());
        row(md, "Docker", env.path("docker").path("server").asText("none"));
        row(md, "git commit", env.path("git").path("commit").asText("unknown")
                + (env.path("git").path("dirty").asBoolean(false) ? " (uncommitted changes)" : ""));
        row(md, "suite duration", run.path("durationSeconds").asLong() / 60 + " min " + run.path("durationSeconds").asLong() % 60 + " s"
                + (run.path("quick").asBoolean() ? " — **quick run: a smoke test, numbers not for comparison**" : ""));
        row(md, "JMH arguments", run.path("jmhArgs").isEmpty() ? "(defaults)" : "`" + String.join(" ", strings(run.path("jmhArgs"))) + "`");
        run.path("skipped").properties().forEach(skip -> row(md, "skipped " + skip.getKey(), skip.getValue().asText()));
        md.append("\nModule hashes, images and versions are in `").append(stamp).append(".env.json`.\n\n");
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private void coldWarmHost(StringBuilder md) {
        List<Measurement> cold = of(WARM_HOST);
        if (cold.isEmpty()) {
            return;
        }
        md.append("## Cold start, warm host\n\n")
                .append("Time for one request on a fresh instance: start it from the deployed module, invoke once, close it")
                .append(" (`ColdStartWarmHost`, JMH SampleTime: every request timed, in a host that first served requests until")
                .append(" its JIT went quiet; `warmup.requests` in the CSV says how many). This is a FaaS host that has been running")
                .append(" for a while. Median over every timed request of every fork, then (p90 / p99).\n\n")
                .append("For `docker`, `docker-debian` and `process` every request is a new OS process anyway, so this and the")
                .append(" fresh-JVM first start measure the same start of the function; they differ only by the JVM-side client's warm-up.\n\n");
        grids(md, cold, Report::distribution);
        forkSpreadNote(md, cold);
    }

    /** One table per n: a row per runtime, a column per fn. */
    private static void grids(StringBuilder md, List<Measurement> measurements, java.util.function.Function<Measurement, String> cell) {
        for (String n : distinct(measurements, Measurement::n)) {
            List<Measurement> atN = measurements.stream().filter(m -> m.n().equals(n)).toList();
            List<String> fns = distinct(atN, Measurement::fn);
            md.append("### n = ").append(n).append("\n\n| runtime | ").append(String.join(" | ", fns)).append(" |\n|---|");
            md.append("---:|".repeat(fns.size())).append('\n');
            for (String label : distinct(atN, Report::label)) {
                md.append("| ").append(label);
                for (String fn : fns) {
                    md.append(" | ").append(find(atN, label, fn, n).map(cell).orElse("—")).append(belowTarget(fn, n) ? " †" : "");
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
        if (measurements.stream().anyMatch(m -> belowTarget(m.fn(), m.n()))) {
            md.append("† This size label maps to the function's largest valid input, which plain Java computes faster than the")
                    .append(" label's target time (exp: every label is n=709, about 1 µs).\n\n");
        }
    }

    /** Whether the case was measured before its warm-up settled (see {@code dev.nebula.measure.WarmUp}). */
    static boolean capped(Measurement m) {
        Metric capped = m.secondary().get("warmup.capped");
        return capped != null && capped.score() > 0;
    }

    /** Whether a size label could not reach its target time for this function (see {@link CatalogFunction#reachesTarget}). */
    static boolean belowTarget(String fn, String n) {
        try {
            return !CatalogFunction.byId(fn).reachesTarget(Size.valueOf(n.strip().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException | NebulaException e) {
            return false; // a number rather than a label, or an id this build does not know
        }
    }

    /** A {@code ColdStartProcess} case: its runtime's whole host process, with the plain JDK or an AOT cache. */
    static Optional<Measurement> hostProcess(List<Measurement> hosts, String runtime, String jdk) {
        return hosts.stream().filter(m -> m.runtime().equals(runtime) && m.param("jdk").equals(jdk)).findFirst();
    }

    private void scaleFromZero(StringBuilder md) {
        List<Measurement> hosts = of(PROCESS_HOST);
        if (hosts.isEmpty()) {
            return;
        }
        String fn = hosts.getFirst().fn();
        String n = hosts.getFirst().n();
        md.append("## Scale from zero: a whole process\n\n")
                .append("One request served by a process that did not exist before it, timed from outside, spawn to exit:")
                .append(" for the in-JVM runtimes a fresh `java` host that deploys the module, answers once and exits")
                .append(" (`ColdStartProcess`), with the plain JDK and with the JDK 25 AOT cache the build trained for that")
                .append(" host; below them the native process and the containers, whose every cold request is such a process")
                .append(" (`ColdStartWarmHost`). fn=").append(fn).append(", n=").append(n).append(".\n\n")
                .append("| runtime | plain JDK | AOT cache | AOT cache / plain | samples |\n|---|---:|---:|---:|---:|\n");
        for (String runtime : distinct(hosts, Measurement::runtime)) {
            Optional<Measurement> plain = hostProcess(hosts, runtime, "plain");
            Optional<Measurement> cached = hostProcess(hosts, runtime, "aotcache");
            md.append("| ").append(runtime).append(" | ").append(plain.map(Report::timeWithError).orElse("—"))
                    .append(" | ").append(cached.map(Report::timeWithError).orElse("—")).append(" | ")
                    .append(plain.isPresent() && cached.isPresent()
                            ? Numbers.ratio(micros(cached.get().primary()) / micros(plain.get().primary())) : "—")
                    .append(" | ").append(plain.or(() -> cached).map(m -> m.primary().samples().size()).orElse(0)).append(" |\n");
        }
        List<Measurement> warm = of(WARM_HOST);
        for (String runtime : OWN_PROCESS) {
            find(warm, runtime, fn, n).ifPresent(m -> md.append("| ").append(runtime).append(" | ").append(timeWithError(m))
                    .append(" | | | ").append(m.primary().samples().size()).append(" |\n"));
        }
        md.append("\n`graalwasm` has no AOT cache: its optimizing runtime needs `--upgrade-module-path`, with which the JVM")
                .append(" turns CDS, and so the AOT cache, off.\n\n");
    }

    private static String timeWithError(Measurement m) {
        return Numbers.time(micros(m.primary()), Numbers.micros(m.primary().error(), m.primary().unit()));
    }

    private void steadyState(StringBuilder md) {
        List<Measurement> steady = of(STEADY);
        if (steady.isEmpty()) {
            return;
        }
        md.append("## Steady state\n\n")
                .append("Calls per second on one warm instance, invoked again and again (`SteadyState`, JMH ")
                .append(steady.getFirst().mode()).append(", the median iteration over every fork). In brackets: speed relative to")
                .append(" `java` on the same fn and n in this run, a ratio of medians")
                .append(" (1× = as fast as plain Java, 0.1× = ten times slower).")
                .append(" Before JMH's iterations, setup called the instance until the JVM stopped compiling; the seconds it took")
                .append(" are `warmup.settle` in the CSV.\n\n");
        grids(md, steady, m -> Numbers.rate(perSecond(m)) + " (" + Numbers.ratio(speedRatio(m)) + ")" + (capped(m) ? " ‡" : "")
                + (forksDisagree(m) ? " §" : ""));
        forkSpreadNote(md, steady);
        if (steady.stream().anyMatch(Report::capped)) {
            md.append("‡ Still compiling when measured: the warm-up hit its cap before the JVM settled (`warmup.capped` = 1;")
                    .append(" the quick run sets the cap to 0 on purpose). Not a steady-state number.\n\n");
        }
    }

    private void phaseTable(StringBuilder md) {
        List<Measurement> withPhases = PngCharts.phaseCase(this);
        if (withPhases.isEmpty()) {
            return;
        }
        Measurement first = withPhases.getFirst();
        md.append("## Where a cold start goes\n\n")
                .append("The phases each runtime records inside one cold request (warm host, fn=").append(first.fn())
                .append(", n=").append(first.n()).append("), as JMH secondary metrics `phase.<i>.<name>`; they add up to the")
                .append(" request minus a few nanoseconds of call overhead. Docker: create the container, start it until the")
                .append(" function's first instruction (the binary reports its own start time), compute, exit and wait, remove.")
                .append(" In-JVM runtimes: start (instantiate), invoke, close; WASI: context, instantiate, run, close.")
                .append(" Phases are means over the measured requests, so the request column here is the mean too (the tables")
                .append(" above give medians; a tail of slow requests puts the mean above the median). Every case is in the CSV.\n\n")
                .append("| runtime | request (mean) | phases (means) |\n|---|---:|---|\n");
        for (Measurement m : withPhases) {
            List<String> parts = new ArrayList<>();
            phases(m).forEach((name, micros) -> parts.add(name + " " + Numbers.time(micros)));
            md.append("| ").append(label(m)).append(" | ").append(Numbers.time(meanMicros(m.primary()))).append(" | ")
                    .append(String.join(" · ", parts)).append(" |\n");
        }
        md.append('\n');
    }

    // ---- CSV ----

    String csv() {
        StringBuilder csv = new StringBuilder("benchmark,mode,runtime,abi,jdk,fn,n,metric,score,error,unit,samples,p50,p90,p99,forkSpread\n");
        for (Measurement m : results) {
            csvRow(csv, m, "primary", m.primary());
            m.secondary().forEach((label, metric) -> csvRow(csv, m, label, metric));
        }
        return csv.toString();
    }

    private static void csvRow(StringBuilder csv, Measurement m, String metricName, Metric metric) {
        List<String> cells = List.of(m.benchmarkClass() + "." + m.benchmark().substring(m.benchmark().lastIndexOf('.') + 1),
                m.mode(), m.runtime(), m.abi(), m.param("jdk"), m.fn(), m.n(), metricName,
                Double.toString(metric.score()), Double.toString(metric.error()), metric.unit(),
                Long.toString(metric.count()), Double.toString(metric.percentile(50.0)),
                Double.toString(metric.percentile(90.0)), Double.toString(metric.percentile(99.0)), Double.toString(metric.forkSpread()));
        csv.append(String.join(",", cells.stream().map(Report::csvCell).toList())).append('\n');
    }

    private static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
