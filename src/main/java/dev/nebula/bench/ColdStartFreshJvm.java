package dev.nebula.bench;

import dev.nebula.BuildInfo;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * First start in a fresh JVM: scale from zero. The module is deployed (outside the measurement, as a host
 * does before taking traffic), then the very first request is timed: class loading, interpreted bytecode and
 * cold caches included. Zero warm-up and one shot per fork, so every sample is a first; the distribution comes
 * from many forks.
 *
 * <p>Unlike {@link ColdStartWarmHost}, setup does NOT run a checking request first: that would be a warm-up and
 * the shot would no longer be a first. The shot's own answer is checked right after it instead (outside the
 * measurement), and a wrong one fails the benchmark, so it is never reported.
 *
 * <p>Defaults to {@code fn=fib} at size S: a first start is dominated by loading and first execution, which the
 * function barely changes at S, and each sample costs a whole JVM. {@code -p fn=...} and {@code -p n=...} widen it.
 *
 * <p>For {@code docker}, {@code docker-debian} and {@code process} the function starts in a fresh OS process in
 * both flavours; here the JVM-side client (docker-java, ProcessBuilder) is cold too, which is the only difference.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10, jvmArgsAppend = {BuildInfo.UNLOCK_EXPERIMENTAL, BuildInfo.ENABLE_JVMCI, BuildInfo.GRAAL_UPGRADE_MODULE_PATH,
        BuildInfo.ENABLE_NATIVE_ACCESS})
public class ColdStartFreshJvm {

    /** The only host in this JVM: it exists for one request. */
    @State(Scope.Thread)
    public static class FreshHost {
        @Param({"java", "chicory-interp", "chicory-compiler", "chicory-aot", "graalwasm", "wasmtime", "process", "docker", "docker-debian"})
        public String runtime;

        @Param({"fib"})
        public String fn;

        @Param({"S"})
        public String n;

        @Param({Case.DEFAULT_ABI})
        public String abi;

        ColdShots shots;

        @Setup(Level.Trial)
        public void deploy(ColdShots coldShots) {
            shots = coldShots;
            shots.deploy(Case.of(runtime, fn, n, abi));
        }
    }

    @Benchmark
    public long firstColdInvoke(FreshHost host) {
        return host.shots.fire();
    }
}
