package dev.nebula.bench;

import dev.nebula.measure.PhaseProfiler;
import dev.nebula.measure.PhaseTotals;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Phases;
import dev.nebula.measure.WarmUp;
import dev.nebula.run.ForkFlags;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start, warm host: the FaaS host has been up for a while (module deployed, its own request path compiled by the
 * JIT), and each request starts a fresh instance, invokes it once and closes it. This is what the thesis measured.
 *
 * <p><b>A warm host is warm.</b> HotSpot compiles a method after ~200 (C1) and ~5,000+ (C2) calls, so a host that has
 * served a dozen requests still runs its start path interpreted (the first version of this class fired 14 shots a
 * fork and measured that: 116 µs for plain Java's 1 µs of work). The trial setup therefore fires cold requests until
 * the JVM has settled, as {@link SteadyState} does: until, two windows running, the JIT and GC threads are quiet and
 * the request rate holds ({@link WarmUp}; at least 5 requests a window, so a container's third of a second is not
 * judged on one shot). The requests and seconds it took are in the results ({@code warmup.requests},
 * {@code warmup.settle}).
 *
 * <p><b>Mode: {@code SampleTime}.</b> Every request is one operation, and JMH times each one (or, past ~20 a
 * millisecond, a random sample), so the JSON carries the distribution: p50, p90, p99, p99.9 over thousands of
 * requests per in-JVM case and dozens per container case, across 3 forks. {@code SingleShotTime} would need one JMH
 * iteration per request, with JMH's per-iteration work between requests; a throughput mode would report only a mean.
 *
 * <p>Deploying happens once per fork in {@code @Setup(Level.Trial)}, outside every request, because a FaaS host
 * deploys ahead of requests ({@link DeployModule} measures deploying). Every request's answer is compared with the
 * Java reference; a wrong one fails the benchmark at the iteration's end and nothing is reported for it. Each
 * request's {@link dev.nebula.runtime.Phases} (docker: create, start to the function's first instruction, compute,
 * exit, remove; in-JVM runtimes: start, invoke, close; WASI: context, instantiate, run, close) reach the JSON as
 * secondary metrics through {@link PhaseProfiler}.
 *
 * <p>Only fib at n=S by default: a cold start is what a fresh instance costs, and at S every function adds about 1 µs
 * of work to a start that takes from 1 µs to a third of a second, so more functions would cost minutes and tell little;
 * {@code -p fn=fib,fib-rec,exp,fact,prime} measures them all. The cost of computing more is {@link SteadyState}'s job.
 * Iterations of 3 s give a container case (a third of a second a request) about 60 requests over its forks.
 *
 * <p>For {@code docker}, {@code docker-debian} and {@code process} each request is a fresh OS process anyway, so
 * "warm host" only means the JVM-side client (docker-java, ProcessBuilder) is warm: their request is a whole process,
 * as {@link ColdStartProcess}'s is for a JVM host.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 2, time = 3, timeUnit = TimeUnit.SECONDS)
@Fork(value = 3, jvmArgs = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.GC, ForkFlags.NATIVE_ACCESS})
public class ColdStartWarmHost {
    public static final String INCLUDE = "\\." + ColdStartWarmHost.class.getSimpleName() + "\\.";

    /**
     * The default suite's measurement for container runtimes: a container starts in 20–400 ms, so the annotation's
     * 2 × 3 s gives 15–300 samples per fork; 12 × 4 s gives at least ~100 per fork (300 per case, enough for p90).
     */
    public static final int CONTAINER_ITERATIONS = 12;
    public static final int CONTAINER_ITERATION_SECONDS = 4;
    /** Requests per settling window at least: see the class comment. */
    static final int SETTLE_MIN_REQUESTS = 5;

    /** One host per benchmark thread: its own deployment, so threads never share a runtime's state. */
    @State(Scope.Thread)
    public static class ThreadHost extends CaseParams {
        /** One function by default: at n=S it adds about 1 µs of work to a start of 1 µs to 300 ms; see the class comment. */
        @Param({"fib"})
        public String fn;

        /** A whole number in the function's range, or a size label S, M, L (see {@link dev.nebula.function.Size}). */
        @Param({"S"})
        public String n;

        ColdShots shots;

        @Setup(Level.Trial)
        public void deployAndSettle(ColdShots coldShots) {
            shots = coldShots;
            shots.deploy(resolve(fn, n));
            shots.fire(); // one request first: a wrong answer aborts before anything else runs
            shots.checkShots();
            WarmUp.Outcome settled = WarmUp.untilSettled(shots::fire, SETTLE_MIN_REQUESTS);
            shots.checkShots();
            shots.forgetSetupShots();
            PhaseProfiler.record(settled);
            WarmUp.reportCapped(settled, shots);
        }
    }

    @Benchmark
    public long coldInvoke(ThreadHost host) {
        return host.shots.fire(); // returned, so JMH consumes it: the call cannot be optimised away
    }

    /**
     * A user function's host ({@code -p module=PATH}): the same settling and checks as {@link ThreadHost}, each shot a
     * fresh run of the command ({@link Deployment#coldInvokeText}), its answer compared with the reference runtime's.
     */
    @State(Scope.Thread)
    public static class CommandHost extends CommandParams {
        CommandCase target;
        Deployment deployment;
        String reference;
        final Phases phases = Phases.recording();
        final PhaseTotals totals = new PhaseTotals();
        long wrongAnswers;
        String lastWrongAnswer;

        @Setup(Level.Trial)
        public void deployAndSettle() {
            target = resolve();
            reference = target.reference();
            deployment = target.deploy();
            PhaseProfiler.register(totals);
            fire(); // one request first: a wrong answer aborts before anything else runs
            checkShots();
            WarmUp.Outcome settled = WarmUp.untilSettled(() -> fire().length(), SETTLE_MIN_REQUESTS);
            checkShots();
            totals.reset();
            PhaseProfiler.record(settled);
            WarmUp.reportCapped(settled, target);
        }

        String fire() {
            String answer = deployment.coldInvokeText(target.n(), phases);
            totals.add(phases);
            if (!answer.equals(reference)) {
                wrongAnswers++;
                lastWrongAnswer = answer;
            }
            return answer;
        }

        /** After each iteration (and after setup's first shot): any wrong answer fails the benchmark, so it is never reported. */
        @TearDown(Level.Iteration)
        public void checkShots() {
            if (wrongAnswers > 0) {
                target.verify(lastWrongAnswer, reference, "cold start, " + wrongAnswers + " wrong answers");
            }
        }

        @TearDown(Level.Trial)
        public void undeploy() {
            if (deployment != null) {
                deployment.close();
            }
        }
    }

    @Benchmark
    public String coldInvokeCommand(CommandHost host) {
        return host.fire();
    }
}
