package dev.nebula.report;

import static dev.nebula.report.MetricMaths.marks;

import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The README's costs besides time, from one run: CPU per request (the figure the ladder shows, with the groups
 * {@code cpu.attributed} is the sum of) and memory per live instance, per function the density benchmark held.
 */
record ReadmeCosts(Report report, RunInfo run) {
    /** What {@code cpu.attributed} adds up, in the profiler's order. */
    static final List<String> CPU_GROUPS = List.of("cpu.jvm", "cpu.function", "cpu.containers", "cpu.containerStack");
    static final String WATTS_PER_CORE = "energy.estimated.wattsPerCore";

    /** CPU per cold request (warm host, the ladder's fn and n) and per warm call (steady state, same fn, n=S). */
    String cpu() {
        List<Measurement> cold = report.of(BenchmarkKind.WARM_HOST);
        if (cold.isEmpty()) {
            return "No warm-host cold start is in this run.";
        }
        Measurement focus = HtmlReport.focusCase(cold);
        List<Measurement> shown = cold.stream().filter(m -> m.fn().equals(focus.fn()) && m.n().equals(focus.n())).toList();
        boolean anyGroups = shown.stream().anyMatch(m -> CPU_GROUPS.stream().anyMatch(m.secondary()::containsKey));
        StringBuilder md = new StringBuilder("| CPU (fn=").append(focus.fn()).append(", n=").append(focus.n())
                .append(") | per cold request |").append(anyGroups ? " by group (`cpu.attributed` is their sum) |" : "").append(" energy per cold request |")
                .append(" per warm call (n=").append(ResourcesTable.SIZE).append(") |\n|---|---:|").append(anyGroups ? "---|" : "")
                .append("---:|---:|\n");
        for (Measurement m : shown) {
            md.append("| `").append(Report.label(m)).append("`").append(marks(m)).append(" | ").append(Ladder.cpu(m).orElse(Numbers.MISSING)).append(" |");
            if (anyGroups) {
                List<String> groups = new ArrayList<>();
                for (String group : CPU_GROUPS) {
                    Metric metric = m.secondary().get(group);
                    if (metric != null && metric.isFinite()) {
                        groups.add(group.substring("cpu.".length()) + " " + Numbers.time(Numbers.micros(metric.score(), metric.unit())));
                    }
                }
                md.append(' ').append(String.join(" · ", groups)).append(" |");
            }
            double energy = Resources.energyMicroJoules(Optional.of(m));
            md.append(' ').append(Double.isFinite(energy) ? Numbers.energy(energy) + (Resources.energyEstimated(Optional.of(m))
                    ? " (estimated)" : " (measured)") : Numbers.MISSING).append(" |");
            Optional<Measurement> warm = Report.find(report.of(BenchmarkKind.STEADY), Report.label(m), focus.fn(), ResourcesTable.SIZE);
            md.append(' ').append(warm.flatMap(Ladder::cpu).orElse(Numbers.MISSING)).append(" |\n");
        }
        md.append("\nEach CPU figure says which metric it is: `").append(Ladder.ATTRIBUTED).append("` where the run has it, else `")
                .append(Resources.CPU).append("` (the whole machine, idle-subtracted). An estimated energy is CPU time × watts per busy core")
                .append(shown.stream().map(m -> m.secondary().get(WATTS_PER_CORE)).filter(w -> w != null && w.isFinite()).findFirst()
                        .map(w -> " (" + Numbers.digits(w.score()) + " W here, `" + WATTS_PER_CORE + "`)").orElse(""))
                .append(", not a measurement.\n");
        md.append(ReadmeResults.legends(shown));
        return md.toString();
    }

    /** Memory per live instance at the density benchmark's most instances, per function and n it held, with the artifact each runtime deploys. */
    String density() {
        List<Measurement> density = report.of(BenchmarkKind.DENSITY);
        if (density.isEmpty()) {
            return "No density benchmark is in this run.";
        }
        List<String> workloads = Report.distinct(density, m -> m.fn() + " " + m.n());
        Map<String, Long> artifacts = ResourcesTable.artifacts(report.env());
        StringBuilder md = new StringBuilder("| memory per live instance |");
        workloads.forEach(w -> md.append(" fn=").append(w.replace(" ", ", n=")).append(": per instance (per GiB) |"));
        md.append(" K-th start (median) | artifact deployed |\n|---|").append("---:|".repeat(workloads.size() + 2)).append('\n');
        for (String runtime : Report.distinct(density, Measurement::runtime)) {
            md.append("| `").append(runtime).append("` |");
            for (String w : workloads) {
                List<Measurement> ofWorkload = density.stream().filter(m -> (m.fn() + " " + m.n()).equals(w)).toList();
                Optional<Measurement> densest = new ResourcesTable(ofWorkload, Map.of()).densest(runtime);
                md.append(' ').append(densest.map(m -> Numbers.bytes(HtmlReport.secondary(m, Resources.MEMORY)) + " ("
                        + Numbers.count(HtmlReport.secondary(m, Resources.INSTANCES_PER_GIB)) + ")" + marks(m)).orElse("")).append(" |");
            }
            Optional<Measurement> first = new ResourcesTable(density.stream().filter(m -> (m.fn() + " " + m.n()).equals(workloads.getFirst()))
                    .toList(), Map.of()).densest(runtime);
            md.append(' ').append(first.map(m -> Numbers.time(MetricMaths.micros(m.primary()))).orElse("")).append(" |");
            Long artifact = artifacts.get(runtime);
            md.append(' ').append(artifact == null ? Numbers.MISSING : Numbers.bytes(artifact)).append(" |\n");
        }
        md.append("\nAt the most live instances each runtime held (`memory.liveInstances` in the CSV); the K-th start is the start of one more instance beside them, at the first fn and n. What memory each")
                .append(" runtime counts is in [CPU, energy and memory](#cpu-energy-and-memory).\n");
        md.append(ReadmeResults.legends(density));
        return md.toString();
    }

    /** The files the run's sidecar measured (what each runtime deploys), in bytes and readable. */
    String artifacts() {
        Map<String, Long> files = run.sidecar().map(s -> s.artifacts()).map(a -> a.files()).orElse(Map.of());
        if (files.isEmpty()) {
            return "This run's sidecar records no artifact sizes.";
        }
        StringBuilder md = new StringBuilder("| artifact | bytes | |\n|---|---:|---:|\n");
        files.forEach((name, bytes) -> md.append("| ").append(name).append(" | ").append(bytes).append(" | ").append(Numbers.bytes(bytes)).append(" |\n"));
        return md.toString();
    }
}
