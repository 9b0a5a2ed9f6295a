package dev.nebula.report;

import static dev.nebula.report.MetricMaths.marks;
import static dev.nebula.report.MetricMaths.micros;

import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import dev.nebula.results.ResultFiles;
import dev.nebula.results.ResultsWriter;
import dev.nebula.results.RunInfo;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The README's figures, block by block, from one run: summaries of what the report computes (the ladder, the
 * distributions, the speed ratios, the resources), never a second set of maths. {@link ReadmeMarkers} puts each block
 * between its markers; {@code ReadmeResultsTest} fails when the committed README and the committed run disagree.
 */
final class ReadmeResults {
    private static final String THESIS_WASM = RuntimeRoles.THESIS_WASM;
    private static final String THESIS_CONTAINER = RuntimeRoles.THESIS_CONTAINER;
    static final String WASI = "wasi";
    /** The blocks a README may mark, in the order {@link #blocks} writes them. */
    static final Set<String> BLOCKS = new LinkedHashSet<>(List.of("run", "headline", "cold-start", "phases", "scale-from-zero",
            "thesis-shape", "deploy", "steady-state", "crossover", "cpu", "density", "artifacts", "charts"));

    private final Report report;
    private final RunInfo run;
    private final Ladder ladder;
    /** The run's files as the README links them: relative to the README's folder, with '/'. */
    private final String prefix;
    private final Path json;

    ReadmeResults(Path json, Path readme) {
        this(new Report(JmhResults.read(json), RunInfo.of(json).env(), ResultFiles.stamp(json)), RunInfo.of(json), json, readme);
    }

    ReadmeResults(Report report, RunInfo run, Path json, Path readme) {
        this.json = json;
        this.run = run;
        this.report = report;
        this.ladder = new Ladder(report);
        Path readmeDir = readme.toAbsolutePath().normalize().getParent();
        Path runDir = json.toAbsolutePath().normalize().getParent();
        String relative = readmeDir.relativize(runDir).toString().replace('\\', '/');
        this.prefix = relative.isEmpty() ? "" : relative + "/";
    }

    String stamp() {
        return report.stamp();
    }

    /**
     * Rewrites {@code readme}'s blocks from the run {@code json}, in place and atomically, leaving the text outside the
     * markers as it was. A README without markers, or with broken ones, is refused and left untouched.
     */
    static void update(Path readme, Path json) throws IOException {
        if (!Files.isRegularFile(readme)) {
            throw new NebulaException(readme + ": no such file; give the README whose blocks to rewrite");
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        ReadmeResults results = new ReadmeResults(json, readme);
        String updated;
        try {
            updated = ReadmeMarkers.fill(text, results.blocks(), results.stamp());
        } catch (NebulaException e) {
            throw new NebulaException(readme + ": " + e.getMessage());
        }
        ResultsWriter.writeAtomically(readme, updated.getBytes(StandardCharsets.UTF_8));
    }

    /** Every block by name, in the order a README would show them. */
    Map<String, String> blocks() {
        Map<String, String> blocks = new LinkedHashMap<>();
        blocks.put("run", runBlock());
        blocks.put("headline", headline());
        blocks.put("cold-start", coldStart());
        blocks.put("phases", phases());
        blocks.put("scale-from-zero", scaleFromZero());
        blocks.put("thesis-shape", thesisShape());
        blocks.put("deploy", deploy());
        blocks.put("steady-state", steadyState());
        blocks.put("crossover", crossover());
        blocks.put("cpu", new ReadmeCosts(report, run).cpu());
        blocks.put("density", new ReadmeCosts(report, run).density());
        blocks.put("artifacts", new ReadmeCosts(report, run).artifacts());
        blocks.put("charts", charts());
        return blocks;
    }

    private String file(String suffix) {
        return prefix + report.stamp() + suffix;
    }

    private String runBlock() {
        List<Measurement> all = report.results();
        int forks = all.stream().mapToInt(Measurement::forks).sum();
        StringBuilder md = new StringBuilder("From [`").append(file(".json")).append("`](").append(file(".json")).append("): ")
                .append(all.size()).append(" cases, ").append(forks).append(" forks");
        run.sidecar().ifPresent(sidecar -> {
            Long seconds = sidecar.run() == null ? null : sidecar.run().durationSeconds();
            if (seconds != null) {
                md.append(", **").append(seconds / 60).append(" min ").append(seconds % 60).append(" s**");
            }
        });
        md.append(", on ").append(run.machine()).append(", ").append(run.jdk());
        run.sidecar().map(s -> s.docker()).map(d -> d.server()).ifPresent(server -> md.append(", Docker ").append(server));
        md.append(", at commit `").append(run.commit()).append("`.");
        if (run.quick()) {
            md.append(" **A quick run: a smoke test, its numbers are not for comparison.**");
        }
        md.append(" The page: [`").append(file(".html")).append("`](").append(file(".html")).append(") (self-contained,")
                .append(" offline); the Markdown report: [`").append(file(".md")).append("`](").append(file(".md")).append(").");
        return md.toString();
    }

    // ---- cold start ----

    private Optional<Ladder.Entry> entry(List<Ladder.Entry> entries, String label) {
        return entries.stream().filter(e -> Report.label(e.m()).equals(label)).findFirst();
    }

    /** The ladder's rungs of one kind, fastest first. */
    private List<Ladder.Entry> rungsOf(Kind kind) {
        return ladder.rungs().stream().filter(r -> RuntimeRoles.kind(r.m().runtime()).filter(k -> k == kind).isPresent()).toList();
    }

    private static String named(Ladder.Entry e) {
        return "`" + Report.label(e.m()) + "`" + marks(e.m()) + " (" + Numbers.time(e.median()) + ")";
    }

    private static String pair(Ladder.Entry faster, Ladder.Entry rung) {
        return named(faster) + " against " + named(rung) + ": **" + Numbers.ratio(Ladder.ratio(rung, faster)) + "**";
    }

    /** The ladder's headline ratios: the fair pair first, the thesis's pair beside it, each ratio naming its rung. */
    private String headline() {
        if (ladder.rungs().isEmpty() || ladder.wasm().isEmpty()) {
            return "This run has no warm-host cold start of " + (ladder.rungs().isEmpty() ? "a container or process" : "a wasm runtime")
                    + ", so there is no ladder.";
        }
        Measurement focus = ladder.rungs().getFirst().m();
        List<Ladder.Entry> containers = rungsOf(Kind.CONTAINER);
        Ladder.Entry bestWasm = ladder.wasm().getFirst();
        StringBuilder md = new StringBuilder("One cold request in a warm host, fn=").append(focus.fn()).append(", n=").append(focus.n())
                .append(", rung ÷ wasm of the medians:\n\n");
        if (!containers.isEmpty()) {
            md.append("- **Fair pair** (the fastest wasm runtime against the fastest container rung): ")
                    .append(pair(bestWasm, containers.getFirst())).append(".\n");
        }
        Optional<Ladder.Entry> thesisWasm = entry(ladder.wasm(), THESIS_WASM);
        Optional<Ladder.Entry> thesisContainer = entry(ladder.rungs(), THESIS_CONTAINER);
        if (thesisWasm.isPresent() && thesisContainer.isPresent()) {
            boolean samePair = !containers.isEmpty() && thesisWasm.get().equals(bestWasm) && thesisContainer.get().equals(containers.getFirst());
            md.append("- **Thesis pair** (its runtime against its container): ").append(samePair ? "here the same pair"
                    : pair(thesisWasm.get(), thesisContainer.get())).append("; the thesis reported ").append(ThesisTable.THESIS_COLD).append(".\n");
            entry(ladder.wasm(), Report.label(thesisWasm.get().m()) + " (" + WASI + ")").ifPresent(wasi -> md
                    .append("- **Shape for shape** (a WASI command run per request, as the thesis ran it): ")
                    .append(pair(wasi, thesisContainer.get())).append(".\n"));
        }
        Optional<Ladder.Entry> process = rungsOf(Kind.PROCESS).stream().findFirst();
        process.ifPresent(floor -> md.append("- **Against the floor** (the same binary as a plain process, fork/exec): ")
                .append(pair(bestWasm, floor)).append(".\n"));
        if (process.isPresent() && thesisContainer.isPresent()) {
            md.append("- **The container's share** (the same binary, in a container and as a process): ")
                    .append(pair(process.get(), thesisContainer.get())).append(".\n");
        }
        md.append("\n| wasm runtime | median |");
        ladder.rungs().forEach(r -> md.append(" ÷ `").append(Report.label(r.m())).append("` (").append(Numbers.time(r.median())).append(") |"));
        md.append("\n|---|---:|").append("---:|".repeat(ladder.rungs().size())).append('\n');
        for (Ladder.Entry w : ladder.wasm()) {
            md.append("| `").append(Report.label(w.m())).append("`").append(marks(w.m())).append(" | ").append(Numbers.time(w.median())).append(" |");
            ladder.rungs().forEach(r -> md.append(' ').append(Numbers.ratio(Ladder.ratio(r, w))).append(" |"));
            md.append('\n');
        }
        md.append(legends(ladder.wasm().stream().map(Ladder.Entry::m).toList(), ladder.rungs().stream().map(Ladder.Entry::m).toList()));
        return md.toString();
    }

    /** The warm-host cold starts at the ladder's fn and n, fastest first: median, then p90 / p99 where the samples allow. */
    private String coldStart() {
        List<Measurement> cold = report.of(BenchmarkKind.WARM_HOST);
        if (cold.isEmpty()) {
            return "No warm-host cold start is in this run.";
        }
        Measurement focus = HtmlReport.focusCase(cold);
        List<Measurement> shown = cold.stream().filter(m -> m.fn().equals(focus.fn()) && m.n().equals(focus.n()))
                .sorted(Comparator.comparingDouble(m -> micros(m.primary()))).toList();
        StringBuilder md = new StringBuilder("| cold start, warm host (fn=").append(focus.fn()).append(", n=").append(focus.n())
                .append(") | kind | median (p90 / p99, or max of N) | CPU per request |\n|---|---|---:|---:|\n");
        for (Measurement m : shown) {
            md.append("| `").append(Report.label(m)).append("` | ").append(kind(m)).append(" | ").append(MetricMaths.distribution(m))
                    .append(" | ").append(Ladder.cpu(m).orElse(Numbers.MISSING)).append(" |\n");
        }
        int others = cold.size() - shown.size();
        if (others > 0) {
            md.append("\nThe other ").append(others).append(" warm-host cases (other fn or n) are in the report.\n");
        }
        md.append(legends(shown));
        return md.toString();
    }

    private static String kind(Measurement m) {
        if (RuntimeRoles.isWasm(m.runtime())) {
            return "wasm";
        }
        return m.runtime().equals(RuntimeRoles.BASELINE) ? "plain Java (the floor of the lifecycle)"
                : RuntimeRoles.kind(m.runtime()).map(k -> k.label()).orElse("");
    }

    /** The legends of the marks these cases carry: ‡ and §, each once. */
    @SafeVarargs
    static String legends(List<Measurement>... groups) {
        List<Measurement> all = new ArrayList<>();
        for (List<Measurement> group : groups) {
            all.addAll(group);
        }
        StringBuilder md = new StringBuilder();
        if (all.stream().anyMatch(MetricMaths::capped)) {
            md.append("\n").append(HtmlReport.UNSETTLED_LEGEND).append(": not a settled figure.\n");
        }
        if (all.stream().anyMatch(MetricMaths::forksDisagree)) {
            md.append("\n").append(MetricMaths.FORKS_DISAGREE_LEGEND).append('\n');
        }
        return md.toString();
    }

    /** Where a cold request goes: each runtime's phases (means) at the ladder's fn and n, beside the chart of them. */
    private String phases() {
        // The default ABI only: the WASI requests' phases are the thesis's shape, in its own block.
        List<Measurement> withPhases = PngCharts.phaseCase(report).stream().filter(m -> m.abi().equals(Report.DEFAULT_ABI)).toList();
        if (withPhases.isEmpty()) {
            return "No cold start with phases is in this run.";
        }
        Measurement first = withPhases.getFirst();
        StringBuilder md = new StringBuilder();
        chart(md, "-cold-start-phases.png", "Where one cold request goes, per runtime");
        md.append("| one cold request (fn=").append(first.fn()).append(", n=").append(first.n())
                .append(") | request (mean) | phases (means) |\n|---|---:|---|\n");
        for (Measurement m : withPhases) {
            List<String> parts = new ArrayList<>();
            MetricMaths.phases(m).forEach((name, us) -> parts.add("`" + name + "` " + Numbers.time(us)));
            md.append("| `").append(Report.label(m)).append("`").append(marks(m)).append(" | ").append(Numbers.time(MetricMaths.meanMicros(m.primary())))
                    .append(" | ").append(String.join(" · ", parts)).append(" |\n");
        }
        md.append(legends(withPhases));
        return md.toString();
    }

    private void chart(StringBuilder md, String suffix, String alt) {
        if (Files.isRegularFile(ResultFiles.beside(json, suffix))) {
            md.append("![").append(alt).append("](").append(file(suffix)).append(")\n\n");
        }
    }

    private String scaleFromZero() {
        List<Measurement> hosts = report.of(BenchmarkKind.SCALE_FROM_ZERO);
        if (hosts.isEmpty()) {
            return "No scale-from-zero benchmark is in this run.";
        }
        Measurement first = hosts.getFirst();
        StringBuilder md = new StringBuilder("| a whole process per request (fn=").append(first.fn()).append(", n=").append(first.n())
                .append(") | plain JDK | AOT cache | samples |\n|---|---:|---:|---:|\n");
        Function<Optional<Measurement>, String> cell = m -> m.map(x -> Numbers.time(micros(x.primary())) + marks(x)).orElse("—");
        for (String runtime : Report.distinct(hosts, Measurement::runtime)) {
            Optional<Measurement> plain = Report.hostProcess(hosts, runtime, "plain");
            Optional<Measurement> cached = Report.hostProcess(hosts, runtime, "aotcache");
            md.append("| `").append(runtime).append("` | ").append(cell.apply(plain)).append(" | ").append(cell.apply(cached))
                    .append(" | ").append(plain.or(() -> cached).map(m -> m.primary().count()).orElse(0L)).append(" |\n");
        }
        List<Measurement> oneShot = new ArrayList<>();
        for (String runtime : RuntimeRoles.ownProcess()) {
            Report.find(report.of(BenchmarkKind.WARM_HOST), runtime, first.fn(), first.n()).ifPresent(m -> {
                oneShot.add(m);
                md.append("| `").append(runtime).append("` (one-shot, warm host) | ").append(cell.apply(Optional.of(m)))
                        .append(" | | ").append(m.primary().count()).append(" |\n");
            });
        }
        md.append(legends(hosts, oneShot));
        return md.toString();
    }

    /**
     * The thesis's shape on {@code wasmtime} with the WASI module: what its timer held (deploy, here a compile, and the
     * WASI context), the whole request from nothing, and the whole request with the module deployed ahead, each
     * against the one-shot container.
     */
    private String thesisShape() {
        String wasi = THESIS_WASM + " (" + WASI + ")";
        Optional<Measurement> deploy = report.of(BenchmarkKind.DEPLOY).stream().filter(m -> Report.label(m).equals(wasi)).findFirst();
        Optional<Measurement> cold = report.of(BenchmarkKind.WARM_HOST).stream().filter(m -> Report.label(m).equals(wasi)).findFirst();
        Optional<Measurement> container = report.of(BenchmarkKind.WARM_HOST).stream()
                .filter(m -> Report.label(m).equals(THESIS_CONTAINER) && cold.isPresent() && m.fn().equals(cold.get().fn())
                        && m.n().equals(cold.get().n())).findFirst();
        if (deploy.isEmpty() || cold.isEmpty() || container.isEmpty()) {
            return "This run lacks `" + wasi + "`'s deploy or cold start, or `" + THESIS_CONTAINER + "`'s cold start, so the thesis's"
                    + " shape cannot be rebuilt from it.";
        }
        double deployMicros = micros(deploy.get().primary());
        Map<String, Double> phases = MetricMaths.phases(cold.get());
        double context = phases.getOrDefault("context", Double.NaN);
        double request = micros(cold.get().primary());
        double docker = micros(container.get().primary());
        List<String> rest = new ArrayList<>();
        phases.forEach((name, us) -> {
            if (!name.equals("context")) {
                rest.add(name + " " + Numbers.time(us));
            }
        });
        StringBuilder md = new StringBuilder("| figure (fn=").append(cold.get().fn()).append(", n=").append(cold.get().n())
                .append(") | what it includes | time | `").append(THESIS_CONTAINER).append("` ÷ it |\n|---|---|---:|---:|\n");
        md.append("| thesis-shaped, `").append(THESIS_WASM).append("` | deploy (engine + compile: ").append(Numbers.time(deployMicros))
                .append(", median) + the WASI context (").append(Numbers.time(context)).append(", mean) | ")
                .append(Numbers.time(deployMicros + context)).append(" | ").append(Numbers.ratio(docker / (deployMicros + context))).append(" |\n");
        Optional<Measurement> cached = Report.find(report.of(Report.COMPILE_CACHE), wasi, cold.get().fn(), cold.get().n());
        Map<String, Double> cachedPhases = cached.map(MetricMaths::phases).orElse(Map.of());
        double cachedThesisShape = cached.map(MetricMaths::thesisTimerMicros).orElse(Double.NaN);
        double cachedWhole = cached.map(m -> micros(m.primary())).orElse(Double.NaN);
        cached.ifPresent(m -> md.append("| **thesis-shaped, code from Wasmtime's compilation cache**, `").append(THESIS_WASM)
                .append("` | deploy from the cache (a new engine, the code compiled before loaded, and the deploy's checks: ").append(Numbers.time(cachedPhases.getOrDefault("deploy", Double.NaN)))
                .append(", mean) + the WASI context (").append(Numbers.time(cachedPhases.getOrDefault("context", Double.NaN)))
                .append(", mean) | ").append(Numbers.time(cachedThesisShape)).append(marks(m)).append(" | ")
                .append(Numbers.ratio(docker / cachedThesisShape)).append(" |\n"));
        md.append("| whole request from nothing, `").append(THESIS_WASM).append("` | deploy + the whole WASI cold request (")
                .append(String.join(", ", rest)).append(", means) | ").append(Numbers.time(deployMicros + request)).append(" | ")
                .append(Numbers.ratio(docker / (deployMicros + request))).append(" |\n");
        cached.ifPresent(m -> md.append("| **whole request, code from the cache**, `").append(THESIS_WASM)
                .append("` | engine + load, context, instantiate, run, close, undeploy (`").append(Report.COMPILE_CACHE).append("`, median) | ")
                .append(Numbers.time(cachedWhole)).append(marks(m)).append(" | ").append(Numbers.ratio(docker / cachedWhole))
                .append(" |\n"));
        md.append("| whole request in a warm host, `").append(THESIS_WASM).append("` | deployed ahead: context + instantiate + run + close | ")
                .append(Numbers.time(request)).append(marks(cold.get())).append(" | ").append(Numbers.ratio(docker / request)).append(" |\n");
        md.append("| `").append(THESIS_CONTAINER).append("` one-shot | create + start + run + exit + remove | ").append(Numbers.time(docker))
                .append(marks(container.get())).append(" | 1× |\n");
        md.append(legends(List.of(cold.get(), container.get(), deploy.get()), cached.stream().toList()));
        md.append(cached.isPresent()
                ? "\nThe thesis reported " + ThesisTable.THESIS_COLD + "; its shape rebuilt with the compilation cache gives "
                        + Numbers.ratio(docker / cachedThesisShape) + " (its timer's part) and " + Numbers.ratio(docker / cachedWhole)
                        + " (the whole request) in this run.\n"
                : "\nThis run has no `" + Report.COMPILE_CACHE + "` case, so the thesis's shape with a compile loaded from a cache is not"
                        + " measured in it.\n");
        return md.toString();
    }

    /** Deploy once per module: a column per ABI the run deployed. */
    private String deploy() {
        List<Measurement> deploys = report.of(BenchmarkKind.DEPLOY);
        if (deploys.isEmpty()) {
            return "No deploy benchmark is in this run.";
        }
        List<String> abis = Report.distinct(deploys, Measurement::abi);
        StringBuilder md = new StringBuilder("| deploy (median) |");
        abis.forEach(abi -> md.append(' ').append(abi.equals(Report.DEFAULT_ABI) ? "the runtime's own artifact" : abi + " module").append(" |"));
        md.append("\n|---|").append("---:|".repeat(abis.size())).append('\n');
        List<String> runtimes = Report.distinct(deploys.stream()
                .sorted(Comparator.comparingDouble(m -> micros(m.primary()))).toList(), Measurement::runtime);
        for (String runtime : runtimes) {
            md.append("| `").append(runtime).append("` |");
            for (String abi : abis) {
                md.append(' ').append(deploys.stream().filter(m -> m.runtime().equals(runtime) && m.abi().equals(abi)).findFirst()
                        .map(m -> Numbers.time(micros(m.primary())) + marks(m)).orElse("")).append(" |");
            }
            md.append('\n');
        }
        md.append(legends(deploys));
        return md.toString();
    }

    /** Steady state as the report charts it: per runtime and size, the geometric mean over the functions of the speed ratio to plain Java, and its range. */
    private String steadyState() {
        List<Measurement> steady = report.of(BenchmarkKind.STEADY);
        if (steady.isEmpty()) {
            return "No steady-state benchmark is in this run.";
        }
        List<String> sizes = Report.summarySizes(steady);
        StringBuilder md = new StringBuilder("| steady state ÷ `").append(RuntimeRoles.BASELINE).append("` |");
        sizes.forEach(n -> md.append(" n=").append(n).append(": geometric mean (range over the functions) |"));
        md.append("\n|---|").append("---:|".repeat(sizes.size())).append('\n');
        for (String label : Report.distinct(steady, Report::label)) {
            if (label.equals(RuntimeRoles.BASELINE)) {
                continue;
            }
            md.append("| `").append(label).append("` |");
            for (String n : sizes) {
                List<Measurement> cases = steady.stream().filter(m -> Report.label(m).equals(label) && atSize(m, n)).toList();
                List<Double> ratios = cases.stream().map(report::speedRatio).filter(r -> Double.isFinite(r) && r > 0).toList();
                String marks = (cases.stream().anyMatch(MetricMaths::capped) ? " " + MetricMaths.UNSETTLED_MARK : "")
                        + (cases.stream().anyMatch(MetricMaths::forksDisagree) ? " " + MetricMaths.FORKS_DISAGREE_MARK : "");
                md.append(' ').append(ratios.isEmpty() ? Numbers.MISSING : Numbers.ratio(Numbers.geometricMean(ratios)) + " ("
                        + Numbers.ratio(ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) + "–"
                        + Numbers.ratio(ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow()) + ")").append(marks).append(" |");
            }
            md.append('\n');
        }
        md.append("\nFunctions: ").append(String.join(", ", Report.distinct(steady, Measurement::fn)))
                .append("; a sweep's point at a size's input counts as that size. Every case, with calls per second, and the")
                .append(" sweeps' time per call against n are in the report.\n");
        md.append(legends(steady));
        return md.toString();
    }

    /** Where each round trip's time per call falls to each in-JVM runtime's, as the report's Markdown has it. */
    private String crossover() {
        List<Measurement> steady = report.of(BenchmarkKind.STEADY);
        if (steady.isEmpty()) {
            return "No steady-state benchmark is in this run.";
        }
        return new CrossoverTable(new Crossover(steady)).markdown();
    }

    /** Whether a case ran at a size: labelled so, or a sweep's point at the size's input (a sweep includes S's and L's). */
    private static boolean atSize(Measurement m, String size) {
        if (m.n().equals(size)) {
            return true;
        }
        try {
            return !MetricMaths.isSizeLabel(m.n()) && Report.resolvedN(m).equals(Long.toString(CatalogFunction.byId(m.fn()).input(size)));
        } catch (NebulaException | IllegalArgumentException e) {
            return false; // an fn this build does not know
        }
    }

    /** The headline chart, and the other charts Report wrote beside the run. */
    private String charts() {
        StringBuilder md = new StringBuilder();
        chart(md, "-cold-start.svg", "Cold start in a warm host: median with p90 and p99, per runtime, log scale");
        List<String> others = new ArrayList<>();
        for (String suffix : List.of("-cold-start.png", "-scale-from-zero.png", "-steady-state.png", "-cold-start-phases.png")) {
            if (Files.isRegularFile(ResultFiles.beside(json, suffix))) {
                others.add("[`" + report.stamp() + suffix + "`](" + file(suffix) + ")");
            }
        }
        if (!others.isEmpty()) {
            md.append("The other charts: ").append(String.join(", ", others)).append(".\n");
        }
        return md.toString();
    }
}
