package dev.nebula.bench;

import dev.nebula.BuildInfo;
import dev.nebula.function.Function;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Instance;
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
 * <p>n is read from a non-final state field on every call, and the result is returned to JMH's blackhole, so the
 * JIT can neither fold the call into a constant nor drop it (JMHSample_10_ConstantFold, _08_DeadCode).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {BuildInfo.UNLOCK_EXPERIMENTAL, BuildInfo.ENABLE_JVMCI, BuildInfo.GRAAL_UPGRADE_MODULE_PATH})
public class SteadyState {

    /** One warm instance per benchmark thread, as a host keeps one per worker. */
    @State(Scope.Thread)
    public static class WarmInstance extends CaseParams {
        Case target;
        Deployment deployment;
        Instance instance;
        Function function;
        long input;
        long answer;

        @Setup(Level.Trial)
        public void start() {
            target = resolve();
            function = target.function();
            input = target.n();
            deployment = target.deploy();
            instance = deployment.start();
            target.verify(instance.invoke(function, input), "warm invoke");
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
}
