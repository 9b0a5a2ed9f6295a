package dev.nebula.bench;

import dev.nebula.measure.PhaseProfiler;
import dev.nebula.measure.WarmUp;
import dev.nebula.run.ForkFlags;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.chicory.ChicoryRuntime;
import dev.nebula.runtime.graalwasm.GraalWasmRuntime;
import dev.nebula.runtime.java.JavaRuntime;
import dev.nebula.runtime.runc.RuncRuntime;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import java.util.List;
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
 * Steady state: one warm instance, invoked again and again. This is the throughput a FaaS host gets from an
 * instance it keeps, after every JIT (the JVM's, Chicory's bytecode, Truffle's) has done its work.
 *
 * <p>{@code Mode.Throughput} by default, in calls per second; {@code -bm avgt -tu us} gives the mean time per
 * call instead. The instance is started in {@code @Setup(Level.Trial)} and its first answer checked there, so
 * nothing is timed before it is known to be right; the last answer of every iteration is checked again, which
 * catches a runtime that goes wrong once its JIT kicks in.
 *
 * <p>Setup then warms the instance until the JVM stops compiling ({@link WarmUp}: GraalWasm needs several
 * seconds on 2 cores, Java and Chicory about one), and JMH's own warm-up iteration lets the measurement loop
 * itself compile. The seconds spent settling are in the results as {@code warmup.settle}.
 *
 * <p>n is read from a non-final state field on every call, and the result is returned to JMH's blackhole, so the
 * JIT can neither fold the call into a constant nor drop it (JMHSample_10_ConstantFold, _08_DeadCode).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgs = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.GC, ForkFlags.NATIVE_ACCESS})
public class SteadyState {
    public static final String INCLUDE = "\\." + SteadyState.class.getSimpleName() + "\\.";

    /** Points of the default suite's sweep over n, log-spaced from S to L ({@link CatalogFunction#logSpacedInputs}). */
    public static final int SWEEP_POINTS = 6;

    /**
     * The runtimes the default suite sweeps over n: the plain Java reference, a wasm runtime and a container's round
     * trip, enough to show where the fixed cost of a round trip stops mattering; each costs ~15 minutes of the suite.
     */
    public static final List<String> SWEEP_RUNTIMES = List.of(JavaRuntime.ID, WasmtimeRuntime.ID, RuncRuntime.ID);

    /**
     * The runtimes the default suite measures at S and L only: the other wasm runtimes. The other Chicory modes are left
     * out (the compiler makes the same code as the AOT build, and the interpreter's image(L) takes ~14 s per call), and so
     * are {@code process} and the other container rungs (a warm one is the same binary as runc's behind other pipes),
     * to keep the suite within ~90 minutes on 2 cores; {@code -p runtime} brings any of them back.
     */
    public static final List<String> ENDS_RUNTIMES = List.of(ChicoryRuntime.AOT_ID, GraalWasmRuntime.ID);

    /** One warm instance per benchmark thread, as a host keeps one per worker. */
    @State(Scope.Thread)
    public static class WarmInstance extends CaseParams {
        @Param({"fib", "fib-rec", "exp", "fact", "prime", "image"})
        public String fn;

        /**
         * A whole number in the function's range, or a size label S, M, L (see {@link dev.nebula.function.Size}). S and L
         * by default, the two ends (a round trip that dominates, a computation that does); the default suite adds a
         * sweep of {@value #SWEEP_POINTS} log-spaced n per function for {@link #SWEEP_RUNTIMES}.
         */
        @Param({"S", "L"})
        public String n;

        Case target;
        Deployment deployment;
        FunctionInstance instance;
        CatalogFunction function;
        long input;
        long answer;

        @Setup(Level.Trial)
        public void start() {
            target = resolve(fn, n);
            function = target.function();
            input = target.n();
            deployment = target.deploy();
            instance = deployment.start();
            target.verify(instance.invoke(function, input), "warm invoke");
            WarmUp.Outcome warmUp = WarmUp.untilSettled(() -> instance.invoke(function, input));
            target.verify(warmUp.lastAnswer(), "warm invoke");
            PhaseProfiler.record(warmUp);
            WarmUp.reportCapped(warmUp, target);
        }

        @TearDown(Level.Iteration)
        public void checkAnswer() {
            target.verify(answer, "warm invoke");
        }

        @TearDown(Level.Trial)
        public void stop() {
            try (Deployment deployed = deployment) {
                instance.close();
            }
        }
    }

    @Benchmark
    public long invoke(WarmInstance warm) {
        return warm.answer = warm.instance.invoke(warm.function, warm.input);
    }

    /**
     * A user function's warm instance ({@code -p module=PATH}). A command runs once per call on every runtime (a WASI
     * instance is spent by {@code _start}, a binary has no server mode), so its warm call is a whole run on a deployed,
     * JIT-warm host: the cost of running the function once it is deployed, not of a kept instance.
     */
    @State(Scope.Thread)
    public static class WarmCommand extends CommandParams {
        CommandCase target;
        Deployment deployment;
        FunctionInstance instance;
        String reference;
        long input;
        String answer;

        @Setup(Level.Trial)
        public void start() {
            target = resolve();
            reference = target.reference();
            input = target.n();
            deployment = target.deploy();
            instance = deployment.start();
            target.verify(instance.invokeText(input), reference, "warm invoke");
            WarmUp.Outcome warmUp = WarmUp.untilSettled(() -> instance.invokeText(input).length());
            PhaseProfiler.record(warmUp);
            WarmUp.reportCapped(warmUp, target);
        }

        @TearDown(Level.Iteration)
        public void checkAnswer() {
            if (answer != null) {
                target.verify(answer, reference, "warm invoke");
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            try (Deployment deployed = deployment) {
                instance.close();
            }
        }
    }

    @Benchmark
    public String invokeCommand(WarmCommand warm) {
        return warm.answer = warm.instance.invokeText(warm.input);
    }
}
