package dev.nebula.run;

import dev.nebula.bench.ColdStartProcess;
import dev.nebula.bench.HostCommand;
import dev.nebula.bench.OneRequestHost;
import dev.nebula.NebulaException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.Size;
import dev.nebula.runtime.Runtimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@code mvn package} after the shade plugin: one training run per in-JVM runtime, each a
 * {@link OneRequestHost} serving the request {@link ColdStartProcess} measures by default, with
 * {@code -XX:AOTCacheOutput} (JEP 514), which writes {@code target/aot/<runtime>.aot} when the host exits.
 * A runtime that cannot use a cache ({@link HostCommand#aotCacheRefusal}) or cannot run here is left out with one
 * line; a training that fails or answers wrong fails the build, and leaves no cache behind.
 */
public final class AotCacheTraining {
    static final CatalogFunction FUNCTION = CatalogFunction.FIB;
    static final Size SIZE = Size.S;

    private AotCacheTraining() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        try {
            for (String runtimeId : Runtimes.inJvmIds()) {
                train(runtimeId);
            }
        } catch (NebulaException e) {
            System.err.println("nebula: AOT cache training failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void train(String runtimeId) throws IOException, InterruptedException {
        Path cache = HostCommand.aotCache(runtimeId);
        Files.deleteIfExists(cache); // a cache of an older jar would only be refused later
        String refusal = HostCommand.aotCacheRefusal(runtimeId);
        if (refusal != null) {
            System.out.println("nebula: no AOT cache for " + runtimeId + ": " + refusal);
            return;
        }
        try {
            Runtimes.byId(runtimeId).requireAvailable();
        } catch (RuntimeUnavailableException e) {
            System.out.println("nebula: no AOT cache for " + runtimeId + ": it cannot run here: " + e.getMessage());
            return;
        }
        Files.createDirectories(cache.getParent());
        List<String> command = HostCommand.training(runtimeId, FUNCTION.id(), SIZE.name());
        Path log = Files.createTempFile("nebula-aot-training", ".log");
        try {
            long started = System.nanoTime();
            Process training = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int exitCode = training.waitFor();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            String expected = FUNCTION.format(FUNCTION.reference(FUNCTION.input(SIZE)));
            if (exitCode != 0 || output.lines().noneMatch(expected::equals) || !Files.isRegularFile(cache)) {
                Files.deleteIfExists(cache);
                throw new NebulaException(runtimeId + ": " + String.join(" ", command) + " exited " + exitCode
                        + " (expected exit 0, the answer " + expected + " and " + cache + "):\n" + output);
            }
            System.out.printf("nebula: AOT cache %s (%d MB) trained on %s(%s) in %.1f s%n", cache, Files.size(cache) >> 20,
                    FUNCTION.id(), SIZE.name(), (System.nanoTime() - started) / 1e9);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
