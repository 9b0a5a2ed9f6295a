package dev.nebula.report;

import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.Sidecar;
import dev.nebula.runtime.docker.DockerRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The headline table of what an invocation costs besides time, one row per runtime, each figure with its ratio to
 * {@code docker} (the Faasm paper's shape): cold start p50 | CPU per cold start | energy per cold start (estimated)
 * | CPU per warm call | memory per instance | instances per GiB | artifact size. Cold starts and warm calls are
 * {@code fn=fib} at n=S with the runtime's default ABI: the p50 from the timed cold-start case with the most samples
 * (JMH's 50th percentile; in SampleTime, over every request), each CPU figure from
 * the case whose figure rests on the most ticks; memory is {@code Density} at its largest K.
 *
 * <p>CPU is {@code cpu.machine}: the whole machine's CPU time, idle-subtracted. Energy is {@code energy.measured}
 * where the run had RAPL counters and {@code energy.estimated} otherwise; a cell says which, and an estimate is never
 * shown as a measurement.
 */
public final class ResourcesTable {
    static final String COLD = Report.WARM_HOST;
    static final String WARM = Report.STEADY;
    static final String DENSITY = "Density";
    static final String REFERENCE = DockerRuntime.ID;
    static final String FN = "fib";
    static final String SIZE = "S";
    /** Fewer /proc/stat ticks than this behind a CPU figure makes it coarse (one tick is 1% of 100). */
    static final double MIN_TICKS = 100;
    /** An idle baseline above this many cores means the machine was not idle, and whole-machine figures are unreliable. */
    static final double BUSY_IDLE_CORES = 0.2;

    private final List<Measurement> results;
    private final Map<String, Long> artifactBytes;
    private final Set<String> notes = new LinkedHashSet<>();

    public ResourcesTable(List<Measurement> results, Map<String, Long> artifactBytes) {
        this.results = results;
        this.artifactBytes = artifactBytes;
    }

    /** The per-runtime artifact sizes the sidecar records, read through its schema; empty without a sidecar. */
    public static Map<String, Long> artifacts(JsonNode sidecar) {
        return sidecar == null ? Map.of() : Sidecar.of(sidecar).artifactsPerRuntime();
    }

    /** The table as Markdown, with its notes; empty when the run measured none of it. */
    public String markdown() {
        List<String> runtimes = runtimes();
        if (runtimes.isEmpty()) {
            return "";
        }
        boolean anyEstimate = results.stream().anyMatch(m -> m.secondary().containsKey("energy.estimated"));
        StringBuilder md = new StringBuilder("## What an invocation costs besides time\n\n");
        md.append("fn=").append(FN).append(", n=").append(SIZE).append("; ratios are to `").append(REFERENCE)
                .append("` in the same run. CPU is the whole machine's (`cpu.machine`: this JVM, dockerd, containerd, the shim, runc,")
                .append(" the container, the kernel), idle-subtracted.")
                .append(anyEstimate ? " Energy is **estimated**: CPU time × watts per busy core (see the sidecar's `energy`), not measured." : "")
                .append("\n\n");
        md.append("| runtime | cold start p50 | CPU per cold start | energy per cold start").append(anyEstimate ? " (estimated)" : "")
                .append(" | CPU per warm call | memory per instance | instances per GiB | artifact size |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        Row reference = row(REFERENCE);
        for (String runtime : runtimes) {
            Row row = row(runtime);
            md.append("| `").append(runtime).append("` | ")
                    .append(cell(row.coldP50Micros, reference.coldP50Micros, Numbers::time)).append(" | ")
                    .append(cell(row.coldCpuMicros, reference.coldCpuMicros, Numbers::time)).append(row.coldCpuNote).append(" | ")
                    .append(cell(row.coldEnergyMicroJoules, reference.coldEnergyMicroJoules, Numbers::energy)).append(row.energyNote).append(" | ")
                    .append(cell(row.warmCpuMicros, reference.warmCpuMicros, Numbers::time)).append(row.warmCpuNote).append(" | ")
                    .append(cell(row.memoryBytes, reference.memoryBytes, Numbers::bytes)).append(" | ")
                    .append(cell(row.perGib, reference.perGib, Numbers::digits)).append(" | ")
                    .append(cell(row.artifactBytes, reference.artifactBytes, Numbers::bytes)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.append('\n').toString();
    }

    /** The figures of one runtime; NaN where the run did not measure it. */
    private static final class Row {
        double coldP50Micros = Double.NaN;
        double coldCpuMicros = Double.NaN;
        double coldEnergyMicroJoules = Double.NaN;
        double warmCpuMicros = Double.NaN;
        double memoryBytes = Double.NaN;
        double perGib = Double.NaN;
        double artifactBytes = Double.NaN;
        String coldCpuNote = "";
        String warmCpuNote = "";
        String energyNote = "";
    }

    Row row(String runtime) {
        Row row = new Row();
        cases(COLD, runtime).filter(cold -> !cold.higherIsBetter())
                .max(java.util.Comparator.comparingLong(cold -> cold.primary().count()))
                .ifPresent(cold -> row.coldP50Micros = MetricMaths.micros(cold.primary()));
        mostTicks(COLD, runtime).ifPresent(cold -> {
            row.coldCpuMicros = secondary(cold, "cpu.machine");
            row.coldCpuNote = cpuNote(cold);
            if (cold.secondary().containsKey("energy.measured")) {
                row.coldEnergyMicroJoules = secondary(cold, "energy.measured");
                row.energyNote = " (measured)";
            } else {
                row.coldEnergyMicroJoules = secondary(cold, "energy.estimated");
            }
        });
        mostTicks(WARM, runtime).ifPresent(warm -> {
            row.warmCpuMicros = secondary(warm, "cpu.machine");
            row.warmCpuNote = cpuNote(warm);
        });
        densest(runtime).ifPresent(density -> {
            row.memoryBytes = secondary(density, "memory.perInstance");
            row.perGib = secondary(density, "memory.instancesPerGiB");
        });
        Long artifact = artifactBytes.get(runtime);
        if (artifact != null) {
            row.artifactBytes = artifact;
        }
        return row;
    }

    /** A mark, with a note below the table, when a CPU figure rests on few ticks or was read on a busy machine. */
    private String cpuNote(Measurement m) {
        String mark = "";
        Metric ticks = m.secondary().get("cpu.machine.ticks");
        if (ticks != null && ticks.score() < MIN_TICKS) {
            mark += " ¹";
            notes.add("¹ rests on fewer than " + (int) MIN_TICKS + " /proc/stat ticks (10 ms of one CPU each): coarse.");
        }
        Metric idle = m.secondary().get("cpu.machine.idle");
        if (idle != null && idle.score() > BUSY_IDLE_CORES) {
            mark += " ²";
            notes.add("² the machine was not idle before the measurement (over " + BUSY_IDLE_CORES
                    + " cores busy without the benchmark): whole-machine figures are unreliable.");
        }
        return mark;
    }

    private List<String> runtimes() {
        Set<String> runtimes = new LinkedHashSet<>();
        results.stream().filter(m -> Set.of(COLD, WARM, DENSITY).contains(m.benchmarkClass()))
                .filter(m -> m.secondary().containsKey("cpu.machine") || m.secondary().containsKey("memory.perInstance"))
                .forEach(m -> runtimes.add(m.runtime()));
        return new ArrayList<>(runtimes);
    }

    private java.util.stream.Stream<Measurement> cases(String benchmarkClass, String runtime) {
        return results.stream().filter(m -> m.benchmarkClass().equals(benchmarkClass) && m.runtime().equals(runtime))
                .filter(m -> m.fn().equals(FN) && m.n().equals(SIZE) && m.abi().equals(Report.DEFAULT_ABI));
    }

    /**
     * The case whose CPU figure rests on the most ticks: a suite may time cold starts shot by shot (SingleShotTime)
     * and measure their CPU in a second, time-based pass with thousands of shots per window.
     */
    private Optional<Measurement> mostTicks(String benchmarkClass, String runtime) {
        return cases(benchmarkClass, runtime).filter(m -> m.secondary().containsKey("cpu.machine"))
                .max((a, b) -> Double.compare(secondary(a, "cpu.machine.ticks"), secondary(b, "cpu.machine.ticks")));
    }

    /** The Density case with the most live instances: the figure a host packed full would see. */
    Optional<Measurement> densest(String runtime) {
        return results.stream().filter(m -> m.benchmarkClass().equals(DENSITY) && m.runtime().equals(runtime))
                .filter(m -> m.secondary().containsKey("memory.perInstance"))
                .max((a, b) -> Double.compare(secondary(a, "memory.liveInstances"), secondary(b, "memory.liveInstances")));
    }

    private static double secondary(Measurement m, String label) {
        Metric metric = m.secondary().get(label);
        return metric == null ? Double.NaN : metric.score();
    }

    private static String cell(double value, double reference, java.util.function.DoubleFunction<String> format) {
        if (!Double.isFinite(value)) {
            return Numbers.MISSING;
        }
        String ratio = Double.isFinite(reference) && reference != 0 ? " (" + Numbers.ratio(value / reference) + ")" : "";
        return format.apply(value) + ratio;
    }
}
