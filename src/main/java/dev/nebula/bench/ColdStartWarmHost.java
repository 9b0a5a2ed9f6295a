package dev.nebula.bench;

import dev.nebula.BuildInfo;
import dev.nebula.runtime.Phases;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start, warm host: the FaaS host is already up (module deployed, JVM warm), and each request starts a
 * fresh instance, invokes it once and closes it. This is what the thesis measured.
 *
 * <p>One shot is one measured operation, so the mode is {@code SingleShotTime}: a steady-state mode would let
 * JMH batch thousands of starts per timer read and report a mean that hides the distribution. The warm-up shots
 * let the JIT compile the host's own start path, which a long-running host has done long ago; the measured
 * shots then see only what a new instance costs. Deploying happens once per fork in {@code @Setup(Level.Trial)},
 * outside every shot, because a FaaS host deploys ahead of requests.
 *
 * <p>Every shot's answer is checked against the Java reference after the shot (outside the measurement); a
 * wrong answer fails the benchmark and nothing is reported for it. The shot's {@link Phases} (docker: create,
 * start to the function's first instruction, compute, exit, remove; in-JVM runtimes: start, invoke, close)
 * reach the JSON as secondary metrics through {@link NebulaProfiler}.
 *
 * <p>For {@code docker}, {@code docker-debian} and {@code process} each shot is a fresh OS process anyway, so
 * "warm host" only means the JVM-side client (docker-java, ProcessBuilder) is warm: this and
 * {@link ColdStartFreshJvm} measure the same start of the function, and differ by the client's own warm-up.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {BuildInfo.UNLOCK_EXPERIMENTAL, BuildInfo.ENABLE_JVMCI, BuildInfo.GRAAL_UPGRADE_MODULE_PATH,
        BuildInfo.ENABLE_NATIVE_ACCESS})
public class ColdStartWarmHost {

    /** One host per benchmark thread: its own deployment, so threads never share a runtime's state. */
    @State(Scope.Thread)
    public static class ThreadHost extends CaseParams {
        ColdShots shots;

        @Setup(Level.Trial)
        public void deploy(ColdShots coldShots) {
            shots = coldShots;
            shots.deploy(resolve());
            shots.fire(); // one unmeasured request first: a wrong answer aborts before anything is timed
            shots.checkLastShot();
        }
    }

    @Benchmark
    public long coldInvoke(ThreadHost host) {
        return host.shots.fire(); // returned, so JMH consumes it: the call cannot be optimised away
    }
}
