package dev.nebula.report;

import dev.nebula.results.Measurement;
import dev.nebula.results.RunInfo;
import dev.nebula.results.Sidecar;
import dev.nebula.runtime.Abi;
import dev.nebula.report.HtmlPage.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a request costs besides time, per runtime, in Faasm's shape (cold start, CPU and energy per cold start, CPU
 * per warm call, memory per instance, instances per GiB, artifact size), from the secondary metrics of the CPU and
 * density profilers and from the sidecar. A metric the run did not record shows as "–".
 */
final class Resources {
    static final String CPU = "cpu.machine";
    static final String ENERGY_MEASURED = "energy.measured";
    static final String ENERGY_ESTIMATED = "energy.estimated";
    static final String MEMORY = "memory.perInstance";
    static final String INSTANCES_PER_GIB = "memory.instancesPerGiB";

    private final Report report;
    private final RunInfo run;

    Resources(Report report, RunInfo run) {
        this.report = report;
        this.run = run;
    }

    /** A cold-start case in a warm host: the runtime at its default ABI, or the label's ABI. */
    Optional<Measurement> cold(String label, String fn, String n) {
        return Report.find(report.of(BenchmarkKind.WARM_HOST), label, fn, n);
    }

    Optional<Measurement> warm(String label, String fn, String n) {
        return Report.find(report.of(BenchmarkKind.STEADY), label, fn, n);
    }

    double coldMicros(String label, String fn, String n) {
        return cold(label, fn, n).map(m -> MetricMaths.micros(m.primary())).orElse(Double.NaN);
    }

    double warmMicros(String label, String fn, String n) {
        return warm(label, fn, n).map(m -> 1e6 / MetricMaths.perSecond(m)).orElse(Double.NaN);
    }

    /** Machine-wide CPU time per operation in µs (whole machine, idle subtracted, as the CPU profiler measures it). */
    static double cpuMicros(Optional<Measurement> m) {
        return m.map(x -> Optional.ofNullable(x.secondary().get(CPU)).map(c -> Numbers.micros(c.score(), c.unit())).orElse(Double.NaN))
                .orElse(Double.NaN);
    }

    /** Energy per operation in µJ: measured where the run read RAPL, else the estimate; which one is in {@link #energyEstimated}. */
    static double energyMicroJoules(Optional<Measurement> m) {
        return m.flatMap(x -> Optional.ofNullable(x.secondary().getOrDefault(ENERGY_MEASURED, x.secondary().get(ENERGY_ESTIMATED))))
                .map(e -> microJoules(e.score(), e.unit())).orElse(Double.NaN);
    }

    static boolean energyEstimated(Optional<Measurement> m) {
        return m.map(x -> !x.secondary().containsKey(ENERGY_MEASURED)).orElse(true);
    }

    /** An energy in {@code unit} ({@code J/op}, {@code mJ/op}, {@code µJ/op}, {@code nJ/op}), as µJ; NaN for another unit. */
    static double microJoules(double value, String unit) {
        String u = unit.replace("/op", "").replace('µ', 'u').strip();
        return switch (u) {
            case "J" -> value * 1e6;
            case "mJ" -> value * 1e3;
            case "uJ" -> value;
            case "nJ" -> value / 1e3;
            default -> Double.NaN;
        };
    }

    /** The density case of a runtime: the one with the most live instances, as the Markdown table reads it. */
    Optional<Measurement> density(String runtime) {
        return new ResourcesTable(report.of(BenchmarkKind.DENSITY), Map.of()).densest(runtime);
    }

    double memoryBytes(String runtime) {
        return density(runtime).map(m -> HtmlReport.secondary(m, MEMORY)).orElse(Double.NaN);
    }

    double instancesPerGib(String runtime) {
        return density(runtime).map(m -> HtmlReport.secondary(m, INSTANCES_PER_GIB)).orElse(Double.NaN);
    }

    /**
     * The size of what a runtime deploys, in bytes, from the sidecar: the one per runtime when the run recorded it
     * ({@link ResourcesTable#artifacts}), else for a wasm runtime the bundled module of its ABI. NaN when unknown.
     */
    double artifactBytes(String runtime, String abi) {
        Optional<Sidecar> sidecar = run.sidecar();
        if (sidecar.isEmpty()) {
            return Double.NaN;
        }
        Long recorded = sidecar.get().artifactsPerRuntime().get(runtime);
        if (recorded != null) {
            return recorded;
        }
        if (RuntimeRoles.isWasm(runtime) && sidecar.get().modules() != null) {
            String moduleAbi = abi.isEmpty() || abi.equals(Report.DEFAULT_ABI) ? Abi.HANDLER.id() : abi;
            for (Sidecar.Module module : sidecar.get().modules()) {
                if (moduleAbi.equals(module.abi()) && module.bytes() != null) {
                    return module.bytes();
                }
            }
        }
        return Double.NaN;
    }

    void table(HtmlPage page) {
        page.heading(2, "resources", "Resources per request");
        List<Measurement> cold = report.of(BenchmarkKind.WARM_HOST);
        if (cold.isEmpty() && report.of(BenchmarkKind.DENSITY).isEmpty()) {
            page.paragraph("missing", "Neither cold starts nor density are in this run.");
            return;
        }
        Measurement focus = cold.isEmpty() ? report.of(BenchmarkKind.DENSITY).getFirst() : HtmlReport.focusCase(cold);
        String fn = focus.fn();
        String n = focus.n();
        page.paragraph("note", "Per runtime, in the shape of Faasm's table (fn=" + HtmlPage.escape(fn) + ", n=" + HtmlPage.escape(n)
                + "). CPU is machine-wide CPU time per request (all cores, idle subtracted), so it counts the engine and the"
                + " kernel, not only this JVM. Energy is <strong>estimated</strong> from that CPU time and a per-core power"
                + " figure where the machine exposes no RAPL counter; a measured figure says so. Memory per instance is from"
                + " the Density benchmark. Artifact size is what the runtime deploys (the sidecar's <code>artifacts</code>; for"
                + " wasm, the module).");
        List<String> labels = new ArrayList<>(Report.distinct(cold.stream().filter(m -> m.fn().equals(fn) && m.n().equals(n)).toList(),
                Report::label));
        report.of(BenchmarkKind.DENSITY).forEach(m -> {
            if (!labels.contains(m.runtime())) {
                labels.add(m.runtime());
            }
        });
        boolean anyEstimated = false;
        List<List<Cell>> rows = new ArrayList<>();
        for (String label : labels) {
            Optional<Measurement> c = cold(label, fn, n);
            String runtime = c.map(Measurement::runtime).orElse(label);
            String abi = c.map(Measurement::abi).orElse("");
            double energy = energyMicroJoules(c);
            boolean estimated = energyEstimated(c);
            anyEstimated |= estimated && Double.isFinite(energy);
            rows.add(HtmlPage.row(Cell.text(label), HtmlReport.time(coldMicros(label, fn, n)), HtmlReport.time(cpuMicros(c)),
                    Cell.number(Double.isFinite(energy) ? Numbers.energy(energy) + (estimated ? " (estimated)" : " (measured)") : Numbers.MISSING, energy),
                    HtmlReport.time(cpuMicros(warm(label, fn, n))),
                    Cell.number(Numbers.bytes(memoryBytes(runtime)), memoryBytes(runtime)),
                    Cell.number(Numbers.count(instancesPerGib(runtime)), instancesPerGib(runtime)),
                    Cell.number(Numbers.bytes(artifactBytes(runtime, abi)), artifactBytes(runtime, abi))));
        }
        page.table("resources-table", List.of("runtime", "cold start p50", "CPU per cold start", "energy per cold start",
                "CPU per warm call", "memory per instance", "instances per GiB", "artifact size"), rows);
        if (anyEstimated) {
            page.paragraph("note", "(estimated): energy = CPU time × watts per core; not a measurement.");
        }
    }
}
