package dev.nebula.probe;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import java.util.Arrays;

/**
 * An independent check of {@code ColdStartWarmHost}: the same cold request (start, invoke once, close) through the
 * public {@link FunctionHost} API in a plain loop, no JMH, 20,000 requests in one JVM, reporting the median, p90 and p99
 * of the last 1,000. If the benchmark's warm host is really warm, its median lands near this one.
 *
 * <p>Run: {@code java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseG1GC -cp target/benchmarks.jar:target/test-classes
 * dev.nebula.probe.ColdStartApiProbe java fib S} (graalwasm also needs its JVMCI flags).
 */
public final class ColdStartApiProbe {
    private static final int REQUESTS = 20_000;
    private static final int MEASURED = 1_000;

    private ColdStartApiProbe() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: ColdStartApiProbe <runtime> <fn> <n>   e.g. java fib S");
            System.exit(2);
        }
        FunctionHost runtime = Runtimes.byId(args[0]);
        CatalogFunction function = CatalogFunction.byId(args[1]);
        long n = function.input(args[2]);
        long expected = function.reference(n);
        long[] nanos = new long[MEASURED];
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(runtime.abis().iterator().next()))) {
            for (int i = 0; i < REQUESTS; i++) {
                long start = System.nanoTime();
                long answer = deployment.coldInvoke(function, n, Phases.IGNORED);
                long took = System.nanoTime() - start;
                if (answer != expected) {
                    throw new IllegalStateException("request " + i + " answered " + answer + ", expected " + expected);
                }
                if (i >= REQUESTS - MEASURED) {
                    nanos[i - (REQUESTS - MEASURED)] = took;
                }
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%s %s(%d): last %d of %d cold requests: p50 %.2f us, p90 %.2f us, p99 %.2f us%n",
                runtime.id(), function.id(), n, MEASURED, REQUESTS, nanos[MEASURED / 2] / 1e3,
                nanos[MEASURED * 9 / 10] / 1e3, nanos[MEASURED * 99 / 100] / 1e3);
    }
}
