package dev.nebula.bench;

import dev.nebula.run.ForkFlags;
import dev.nebula.NebulaException;
import dev.nebula.runtime.chicory.ChicoryRuntime;
import dev.nebula.runtime.graalwasm.GraalWasmRuntime;
import dev.nebula.runtime.java.JavaRuntime;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;

/**
 * Scale from zero, timed as a container is: one shot spawns a whole {@link OneRequestHost} JVM, which deploys the
 * module, answers one request and exits; the shot ends when the exit code and the answer are in. JVM boot, class
 * loading, deploy and the first, interpreted execution are all inside, as {@code docker run}'s image set-up and
 * process start are inside {@link ColdStartWarmHost}'s docker shot. This is the figure beside {@code docker run}.
 *
 * <p>{@code jdk=plain} runs the JDK as installed; {@code jdk=aotcache} adds the JDK 25 AOT cache the build trained
 * on this very host and request ({@link HostCommand.Jdk#AOT_CACHE}). GraalWasm cannot use one (its JVMCI flags
 * turn CDS off), so {@code graalwasm} with {@code aotcache} fails, saying so, and the suite does not plan it.
 *
 * <p>SingleShotTime: each shot costs a whole JVM (0.2 to 3 s), so the samples are shots. One warm-up shot per fork
 * leaves out the first spawn's cold page cache for the jar; three forks give the spread. The answer and the exit
 * code are checked after every shot, outside the measurement: a wrong answer or a non-zero exit fails the
 * benchmark. Setup runs one unmeasured checking shot, which for {@code aotcache} also asks the child JVM
 * ({@code -Xlog:aot}) whether it opened the cache.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 6)
// The forks only spawn and wait; every fork gets the same flags all the same. The host JVMs' own flags are HostCommand.FLAGS.
@Fork(value = 3, jvmArgs = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.GC, ForkFlags.NATIVE_ACCESS})
public class ColdStartProcess {

    @State(Scope.Thread)
    public static class ProcessHost {
        /** The runtimes that run inside a JVM (kind {@code IN_JVM}; {@code ParamDefaultsTest} pins the list). */
        @Param({JavaRuntime.ID, ChicoryRuntime.INTERPRETER_ID, ChicoryRuntime.COMPILER_ID, ChicoryRuntime.AOT_ID,
                GraalWasmRuntime.ID, WasmtimeRuntime.ID})
        public String runtime;

        @Param({"fib"})
        public String fn;

        @Param({"S"})
        public String n;

        /** {@code plain} or {@code aotcache} (see {@link HostCommand.Jdk}). */
        @Param({"plain", "aotcache"})
        public String jdk;

        private Case request;
        private ProcessBuilder spawn;
        private Path stderr;
        private String answer;
        private int exitCode;

        @Setup(Level.Trial)
        public void prepare() throws IOException, InterruptedException {
            request = Case.of(OneRequestHost.requireInJvm(runtime), fn, n, Case.DEFAULT_ABI);
            List<String> command = HostCommand.of(runtime, jdk, fn, n);
            System.out.println("nebula: ColdStartProcess child: " + String.join(" ", command));
            stderr = Files.createTempFile("nebula-host", ".stderr");
            spawn = new ProcessBuilder(command).redirectError(stderr.toFile());
            requireAotCacheOpened(command);
            shoot();
            check();
        }

        /** The checking shot with {@code -Xlog:aot}: an AOT cache the child JVM did not open fails the benchmark. */
        private void requireAotCacheOpened(List<String> command) throws IOException, InterruptedException {
            if (HostCommand.Jdk.byId(jdk) != HostCommand.Jdk.AOT_CACHE) {
                return;
            }
            List<String> logged = new ArrayList<>(command);
            logged.add(1, "-Xlog:aot=info:stderr");
            Path log = Files.createTempFile("nebula-host-aot", ".log");
            try {
                Process child = new ProcessBuilder(logged).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                int exit = child.waitFor();
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (exit != 0 || !output.contains("Opened AOT cache " + HostCommand.aotCache(runtime))) {
                    throw new NebulaException(request + ": the host JVM did not open its AOT cache (exit " + exit + "; a cache"
                            + " only fits the jar, JDK and flags it was trained with: run mvn package without -Daot.skip): "
                            + String.join(" ", logged) + "\n" + output);
                }
            } finally {
                Files.deleteIfExists(log);
            }
        }

        void shoot() throws IOException, InterruptedException {
            Process child = spawn.start();
            answer = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exitCode = child.waitFor();
        }

        /** After each shot: a non-zero exit or a wrong answer fails the benchmark, naming the child's stderr. */
        @TearDown(Level.Iteration)
        public void check() throws IOException {
            if (exitCode != 0) {
                throw new NebulaException(request + ": the host exited " + exitCode + ": " + Files.readString(stderr).strip());
            }
            request.verify(request.function().resultKind().parse(answer), "a whole host process (jdk=" + jdk + ")");
        }

        @TearDown(Level.Trial)
        public void cleanUp() throws IOException {
            if (stderr != null) {
                Files.deleteIfExists(stderr);
            }
        }
    }

    /** Matches this benchmark's JMH name. */
    public static final String INCLUDE = "\\." + ColdStartProcess.class.getSimpleName() + "\\.";

    /**
     * The suite's runs of this benchmark, over {@code runtimes} (the planned ones that run in a JVM): every jdk for
     * the runtimes that can use an AOT cache, {@code plain} alone for the others, as JMH runs the cartesian product.
     */
    public static List<Options> suitePasses(Supplier<ChainedOptionsBuilder> base, List<String> runtimes) {
        List<String> cached = runtimes.stream().filter(id -> HostCommand.aotCacheRefusal(id) == null).toList();
        List<String> plainOnly = runtimes.stream().filter(id -> HostCommand.aotCacheRefusal(id) != null).toList();
        List<Options> passes = new ArrayList<>();
        if (!cached.isEmpty()) {
            passes.add(base.get().include(INCLUDE).param("runtime", cached.toArray(String[]::new)).build());
        }
        if (!plainOnly.isEmpty()) {
            passes.add(base.get().include(INCLUDE).param("runtime", plainOnly.toArray(String[]::new))
                    .param("jdk", HostCommand.Jdk.PLAIN.id()).build());
        }
        return passes;
    }

    @Benchmark
    public int spawnAnswerExit(ProcessHost host) throws IOException, InterruptedException {
        host.shoot();
        return host.exitCode;
    }
}
