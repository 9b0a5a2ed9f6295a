package dev.nebula.report;

import dev.nebula.results.Measurement;
import java.util.List;

/**
 * What a benchmark class measures, for the HTML report. The one place that maps JMH class names to the report's
 * sections, so a renamed or added benchmark is one line here.
 */
enum BenchmarkKind {
    WARM_HOST("Cold start, warm host", "one request on a fresh instance in a running host"),
    SCALE_FROM_ZERO("Scale from zero", "a whole process: spawn, boot, deploy, one request, exit"),
    DEPLOY("Deploy", "deploying the module once (parse, compile, cache)"),
    STEADY("Steady state", "one call on a warm instance"),
    DENSITY("Density", "memory per live instance"),
    OTHER("Other", "a benchmark this report has no section for");

    final String title;
    final String meaning;

    BenchmarkKind(String title, String meaning) {
        this.title = title;
        this.meaning = meaning;
    }

    /** The cold-start kinds, in the order the page shows them side by side. */
    static final List<BenchmarkKind> COLD = List.of(WARM_HOST, SCALE_FROM_ZERO, DEPLOY);

    /** The kind of a JMH benchmark class by its simple name. */
    static BenchmarkKind of(String benchmarkClass) {
        return switch (benchmarkClass) {
            case "ColdStartWarmHost" -> WARM_HOST;
            case "DeployModule" -> DEPLOY;
            case "SteadyState" -> STEADY;
            case "Density" -> DENSITY;
            default -> benchmarkClass.startsWith("ColdStartProcess") || benchmarkClass.contains("Process") ? SCALE_FROM_ZERO : OTHER;
        };
    }

    static BenchmarkKind of(Measurement m) {
        return of(m.benchmarkClass());
    }
}
