package dev.nebula.bench;

import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.measure.PhaseProfiler;
import dev.nebula.measure.PhaseTotals;
import dev.nebula.measure.WarmUp;
import dev.nebula.run.ForkFlags;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.Runtimes;
import dev.nebula.runtime.wasmtime.CompileCache;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import java.nio.file.Path;
import java.util.Map;
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
 * The thesis's shape, measured: every request deploys afresh, as the thesis's platform did, but loads the module's
 * machine code from Wasmtime's on-disk compilation cache instead of compiling it (the thesis deserialised a module
 * compiled ahead; wasmtime-java 0.19 has no {@code Module.deserialize}, and the cache is the nearest it has). One
 * request is: {@code deploy} (a new engine with its epoch ticker, the code loaded from the cache, the WASI imports
 * checked by a trial instantiation, the output directory made), then the WASI request of {@link ColdStartWarmHost}
 * ({@code context}, {@code instantiate}, {@code run}, {@code close}), then {@code undeploy} (the ticker stopped, the
 * engine and module freed, the directory removed). The phases reach the JSON as {@link ColdStartWarmHost}'s do, so
 * the thesis's own timer, which stopped before instantiation, is {@code deploy} + {@code context}.
 *
 * <p>Setup compiles once into an empty cache, then settles the host on whole requests ({@link WarmUp}). After each
 * iteration, outside the measurement, the cache must still hold the same entry, the same file: a request that
 * compiled would have stored its code anew, so a time that included a compile fails the benchmark instead of being
 * reported. Every answer is compared with the Java reference, as in {@link ColdShots}.
 *
 * <p>Only {@code wasmtime}: the other runtimes have no compilation cache through their Java APIs. Same mode, forks,
 * iterations and flags as {@link ColdStartWarmHost}, whose WASI case on {@code wasmtime} is this request with the
 * module deployed ahead.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 2, time = 3, timeUnit = TimeUnit.SECONDS)
@Fork(value = 3, jvmArgs = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.GC, ForkFlags.NATIVE_ACCESS})
public class ColdStartCompileCache {
    public static final String INCLUDE = "\\." + ColdStartCompileCache.class.getSimpleName() + "\\.";
    /** The benchmark's full name, for matching the user's include patterns. */
    public static final String BENCHMARK = ColdStartCompileCache.class.getName() + ".deployAndInvoke";

    /** One host per benchmark thread, with a cache of its own. */
    @State(Scope.Thread)
    public static class CachingHost {
        /** Only Wasmtime has a compilation cache; a parameter so that the results name the runtime as every case does. */
        @Param({WasmtimeRuntime.ID})
        public String runtime;

        /** The thesis's shape is a WASI command; the handler module is deployed the same way ({@code -p abi=handler}). */
        @Param({"wasi"})
        public String abi;

        @Param({"fib"})
        public String fn;

        @Param({"S"})
        public String n;

        private CompileCache cache;
        private Case target;
        private long expected;
        private Map<Path, String> entries;
        private final Phases request = Phases.recording();
        private final Phases whole = Phases.recording();
        private final PhaseTotals totals = new PhaseTotals();
        private long wrongAnswers;
        private long lastWrongAnswer;

        @Setup(Level.Trial)
        public void compileOnceAndSettle() {
            if (!runtime.equals(WasmtimeRuntime.ID)) {
                throw new NebulaException(ColdStartCompileCache.class.getSimpleName() + " measures Wasmtime's compilation cache;"
                        + " runtime '" + runtime + "' has none through its Java API: use -p runtime=" + WasmtimeRuntime.ID);
            }
            Case asked = Case.of(runtime, fn, n, abi);
            Runtimes.byId(runtime).requireAvailable();
            cache = CompileCache.create();
            target = new Case(((WasmtimeRuntime) asked.runtime()).withCompileCache(cache), asked.function(), asked.n(), asked.abi());
            expected = target.expected();
            PhaseProfiler.register(totals);
            fire(); // the compile that fills the cache; its answer is checked like every other
            entries = cache.entries();
            cache.requireOnlyLoadedSince(entries, target + ": the first deploy");
            fire(); // the first load from the cache
            checkShots();
            WarmUp.Outcome settled = WarmUp.untilSettled(this::fire, ColdStartWarmHost.SETTLE_MIN_REQUESTS);
            checkShots();
            totals.reset();
            PhaseProfiler.record(settled);
            WarmUp.reportCapped(settled, target);
        }

        /** One whole request: deploy from the cache, one cold WASI request, undeploy. */
        long fire() {
            whole.begin();
            Deployment deployment = target.deploy();
            long answer;
            try {
                whole.mark("deploy");
                answer = deployment.coldInvoke(target.function(), target.n(), request);
                whole.append(request);
            } finally {
                deployment.close();
            }
            whole.mark("undeploy");
            totals.add(whole);
            if (answer != expected) {
                wrongAnswers++;
                lastWrongAnswer = answer;
            }
            return answer;
        }

        /** After each iteration: no wrong answer, and no request compiled instead of loading from the cache. */
        @TearDown(Level.Iteration)
        public void checkShots() {
            if (wrongAnswers > 0) {
                target.verify(lastWrongAnswer, "cold start from the compilation cache (" + wrongAnswers + " wrong answers)");
            }
            cache.requireOnlyLoadedSince(entries, target.toString());
        }

        @TearDown(Level.Trial)
        public void removeCache() {
            if (cache != null) {
                cache.close();
            }
        }
    }

    @Benchmark
    public long deployAndInvoke(CachingHost host) {
        return host.fire();
    }
}
