package dev.nebula.runtime.wasmtime;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two yardsticks for {@code ColdStartCompileCache}, outside JMH. First wasmtime-java alone, none of Nebula's classes:
 * a new {@link Config} with a cache configuration of its own, a new {@link Engine}, the module loaded from that cache
 * (filled by one compile first), everything freed: the least a per-request engine can cost. Then a plain loop over
 * Nebula's public API: {@code deploy} from a {@link CompileCache}, one cold WASI request of fib(S), {@code close}.
 * Prints the medians of {@value #SHOTS} shots after {@value #WARMUP} unmeasured ones. Not a test (surefire does not
 * run it):
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Xms1g -Xmx1g -XX:+UseG1GC -cp target/benchmarks.jar:target/test-classes dev.nebula.runtime.wasmtime.CompileCacheProbe
 * </pre>
 */
public final class CompileCacheProbe {
    static final int WARMUP = 2_000;
    static final int SHOTS = 2_000;

    private CompileCacheProbe() {}

    public static void main(String[] args) throws IOException {
        FunctionArtifact wasi = FunctionArtifact.bundled(Abi.WASI);
        Path directory = Files.createTempDirectory("nebula-cache-probe-");
        Path configuration = directory.resolve("cache.toml");
        Files.writeString(configuration, "[cache]\nenabled = true\ndirectory = '" + directory.resolve("entries") + "'\n");
        long[] library = new long[SHOTS];
        for (int shot = -WARMUP; shot < SHOTS; shot++) {
            long begin = System.nanoTime();
            Config config = new Config().epochInterruption(true).cacheConfigLoad(configuration);
            Engine engine = new Engine(config);
            Module module = new Module(engine, wasi.bytes());
            long end = System.nanoTime();
            module.dispose();
            engine.dispose();
            config.dispose();
            if (shot >= 0) {
                library[shot] = end - begin;
            }
        }
        System.out.printf("wasmtime-java alone: new engine + module from the cache, median %.1f µs%n", median(library) / 1e3);

        long n = CatalogFunction.FIB.input("S");
        long expected = CatalogFunction.FIB.reference(n);
        long[] deploys = new long[SHOTS];
        long[] requests = new long[SHOTS];
        try (CompileCache cache = CompileCache.create()) {
            WasmtimeRuntime runtime = new WasmtimeRuntime().withCompileCache(cache);
            for (int shot = -WARMUP; shot < SHOTS; shot++) {
                long begin = System.nanoTime();
                Deployment deployment = runtime.deploy(wasi);
                long deployed = System.nanoTime();
                long answer = deployment.coldInvoke(CatalogFunction.FIB, n, Phases.IGNORED);
                deployment.close();
                long end = System.nanoTime();
                if (answer != expected) {
                    throw new IllegalStateException("fib(" + n + ") answered " + answer + ", not " + expected);
                }
                if (shot >= 0) {
                    deploys[shot] = deployed - begin;
                    requests[shot] = end - begin;
                }
            }
        }
        System.out.printf("Nebula's API: deploy from the cache, median %.1f µs; the whole request, median %.1f µs%n",
                median(deploys) / 1e3, median(requests) / 1e3);
        for (Path file : Files.walk(directory).sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(file);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
