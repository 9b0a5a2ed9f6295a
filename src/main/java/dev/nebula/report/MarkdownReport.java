package dev.nebula.report;

import static dev.nebula.report.MetricMaths.belowTarget;
import static dev.nebula.report.MetricMaths.marks;
import static dev.nebula.report.MetricMaths.meanMicros;
import static dev.nebula.report.MetricMaths.micros;
import static dev.nebula.report.MetricMaths.perSecond;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nebula.results.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@code <stamp>.md}: the run's tables, each with what its numbers mean, for a reader without a browser. */
final class MarkdownReport {
    private final Report report;

    MarkdownReport(Report report) {
        this.report = report;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Nebula benchmark results ").append(report.stamp()).append("\n\n");
        environment(md);
        if (report.results().stream().anyMatch(MetricMaths::forksDisagree)) {
            md.append(MetricMaths.FORKS_DISAGREE_LEGEND).append("\n\n");
        }
        coldWarmHost(md);
        md.append(new Ladder(report).markdown());
        scaleFromZero(md);
        steadyState(md);
        crossover(md);
        phaseTable(md);
        md.append(new ResourcesTable(report.results(), ResourcesTable.artifacts(report.env())).markdown());
        return md.toString();
    }

    private void environment(StringBuilder md) {
        JsonNode env = report.env();
        if (env == null) {
            md.append("No sidecar (`").append(report.stamp()).append(".env.json`) was found: machine and versions unknown.\n\n");
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
        md.append("\nModule hashes, images and versions are in `").append(report.stamp()).append(".env.json`.\n\n");
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private void coldWarmHost(StringBuilder md) {
        List<Measurement> cold = report.of(Report.WARM_HOST);
        if (cold.isEmpty()) {
            return;
        }
        md.append("## Cold start, warm host\n\n")
                .append("Time for one request on a fresh instance: start it from the deployed module, invoke once, close it")
                .append(" (`ColdStartWarmHost`, JMH SampleTime: every request timed, in a host that first served requests until")
                .append(" its JIT went quiet; `warmup.requests` in the CSV says how many). This is a FaaS host that has been running")
                .append(" for a while. Median over every timed request of every fork, then (p90 / p99): a p99 only from 1,000")
                .append(" requests and a p90 from 100; with fewer, \"max of N\", the slowest of the N requests.\n\n")
                .append("For ").append(RuntimeRoles.prose(RuntimeRoles.ownProcess(), "and")).append(" every request is a new OS process anyway, so this and the")
                .append(" fresh-JVM first start measure the same start of the function; they differ only by the JVM-side client's warm-up.\n\n");
        grids(md, cold, MetricMaths::distribution);
        marksNote(md, cold);
    }

    /** One table per n: a row per runtime, a column per fn. */
    private static void grids(StringBuilder md, List<Measurement> measurements, Function<Measurement, String> cell) {
        for (String n : Report.summarySizes(measurements)) {
            List<Measurement> atN = measurements.stream().filter(m -> m.n().equals(n)).toList();
            List<String> fns = Report.distinct(atN, Measurement::fn);
            md.append("### n = ").append(n).append("\n\n| runtime | ").append(String.join(" | ", fns)).append(" |\n|---|");
            md.append("---:|".repeat(fns.size())).append('\n');
            for (String label : Report.distinct(atN, Report::label)) {
                md.append("| ").append(label);
                for (String fn : fns) {
                    md.append(" | ").append(Report.find(atN, label, fn, n).map(cell).orElse("—")).append(belowTarget(fn, n) ? " †" : "");
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
        List<String> summarised = Report.summarySizes(measurements);
        List<Measurement> rest = measurements.stream().filter(m -> !summarised.contains(m.n())).toList();
        if (!rest.isEmpty()) {
            md.append("### Every other n (").append(rest.size()).append(" cases)\n\n| runtime | fn | n | figure |\n|---|---|---:|---:|\n");
            rest.forEach(m -> md.append("| ").append(Report.label(m)).append(" | ").append(m.fn()).append(" | ").append(m.n())
                    .append(" | ").append(cell.apply(m)).append(" |\n"));
            md.append('\n');
        }
        if (measurements.stream().anyMatch(m -> belowTarget(m.fn(), m.n()))) {
            md.append("† This size label maps to the function's largest valid input, which plain Java computes faster than the")
                    .append(" label's target time (exp: every label is n=709, about 1 µs).\n\n");
        }
    }

    /** The legend of ‡ where these cases carry it (§ is explained once, at the top). */
    private static void marksNote(StringBuilder md, List<Measurement> measurements) {
        if (measurements.stream().anyMatch(MetricMaths::capped)) {
            md.append(MetricMaths.UNSETTLED_MARK).append(" Unsettled: the warm-up hit its settle cap before the JVM went quiet")
                    .append(" (`warmup.capped` = 1 in some fork; the quick run sets the cap to 0 on purpose), so the host was")
                    .append(" still compiling when measured. Not a settled figure.\n\n");
        }
    }

    private void scaleFromZero(StringBuilder md) {
        List<Measurement> hosts = report.of(Report.PROCESS_HOST);
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
        for (String runtime : Report.distinct(hosts, Measurement::runtime)) {
            Optional<Measurement> plain = Report.hostProcess(hosts, runtime, "plain");
            Optional<Measurement> cached = Report.hostProcess(hosts, runtime, "aotcache");
            md.append("| ").append(runtime).append(" | ").append(plain.map(m -> timeWithError(m) + marks(m)).orElse("—"))
                    .append(" | ").append(cached.map(m -> timeWithError(m) + marks(m)).orElse("—")).append(" | ")
                    .append(plain.isPresent() && cached.isPresent()
                            ? Numbers.ratio(micros(cached.get().primary()) / micros(plain.get().primary())) : "—")
                    .append(" | ").append(plain.or(() -> cached).map(m -> m.primary().samples().size()).orElse(0)).append(" |\n");
        }
        List<Measurement> warm = report.of(Report.WARM_HOST);
        List<Measurement> oneShot = new ArrayList<>();
        for (String runtime : RuntimeRoles.ownProcess()) {
            Report.find(warm, runtime, fn, n).ifPresent(m -> {
                oneShot.add(m);
                md.append("| ").append(runtime).append(" | ").append(timeWithError(m)).append(marks(m))
                        .append(" | | | ").append(m.primary().samples().size()).append(" |\n");
            });
        }
        md.append('\n');
        marksNote(md, oneShot);
        for (String runtime : RuntimeRoles.withOwnJvmFlags()) {
            md.append("`").append(runtime).append("` has no AOT cache: its optimizing runtime needs `--upgrade-module-path`,")
                    .append(" with which the JVM turns CDS, and so the AOT cache, off.\n\n");
        }
    }

    private static String timeWithError(Measurement m) {
        return Numbers.time(micros(m.primary()), Numbers.micros(m.primary().error(), m.primary().unit()));
    }

    private void steadyState(StringBuilder md) {
        List<Measurement> steady = report.of(Report.STEADY);
        if (steady.isEmpty()) {
            return;
        }
        md.append("## Steady state\n\n")
                .append("Calls per second on one warm instance, invoked again and again (`SteadyState`, JMH ")
                .append(steady.getFirst().mode()).append(", the median iteration over every fork). In brackets: speed relative to")
                .append(" `").append(RuntimeRoles.BASELINE).append("` on the same fn and n in this run, a ratio of medians")
                .append(" (1× = as fast as plain Java, 0.1× = ten times slower).")
                .append(" Before JMH's iterations, setup called the instance until the JVM stopped compiling; the seconds it took")
                .append(" are `warmup.settle` in the CSV.\n\n");
        grids(md, steady, m -> Numbers.rate(perSecond(m)) + " (" + Numbers.ratio(report.speedRatio(m)) + ")" + marks(m));
        marksNote(md, steady);
    }

    /** Once for the run, not per case: where each round trip's time per call falls to each in-JVM runtime's. */
    private void crossover(StringBuilder md) {
        List<Measurement> steady = report.of(Report.STEADY);
        if (steady.isEmpty()) {
            return;
        }
        md.append("## Crossover: where the round trip stops mattering\n\n").append(new CrossoverTable(new Crossover(steady)).markdown());
    }

    private void phaseTable(StringBuilder md) {
        List<Measurement> withPhases = PngCharts.phaseCase(report);
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
            MetricMaths.phases(m).forEach((name, micros) -> parts.add(name + " " + Numbers.time(micros)));
            md.append("| ").append(Report.label(m)).append(" | ").append(Numbers.time(meanMicros(m.primary()))).append(marks(m))
                    .append(" | ").append(String.join(" · ", parts)).append(" |\n");
        }
        md.append('\n');
        marksNote(md, withPhases);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
