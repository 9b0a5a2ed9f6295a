package dev.nebula.bench;

import dev.nebula.run.AotCacheTraining;
import dev.nebula.BuildInfo;
import dev.nebula.NebulaException;
import dev.nebula.ThisJar;
import dev.nebula.runtime.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line of a {@link OneRequestHost} JVM, as {@link ColdStartProcess} spawns it and as the build trains its
 * AOT caches ({@link AotCacheTraining}): one place, so that training and measurement run the very same JVM.
 */
public final class HostCommand {
    /**
     * The same for every runtime. A fixed heap, so the host does not size itself from the machine's memory nor
     * resize during its one request; the serial GC, which the JVM itself picks for a FaaS-sized container (under 2
     * CPUs or 1792 MB) and which starts no GC threads; no {@code -XX:+AlwaysPreTouch}, which would charge 256 MB of
     * page faults to every start, as no host scaled from zero pays; native access for the runtimes that load native
     * code (Truffle, Wasmtime). An AOT cache records these flags and refuses a JVM whose flags differ.
     */
    public static final List<String> FLAGS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED");

    /** What the {@code jdk} parameter chooses: the JDK as installed, or with the AOT cache the build trained for the host. */
    public enum Jdk {
        /** The JDK as installed: its default CDS archive of JDK classes only. */
        PLAIN("plain"),
        /**
         * A JDK 25 AOT cache (JEP 483, 514, 515) trained on one request of this very host: its classes loaded and
         * linked, and method profiles, ahead of time. {@code -XX:AOTMode=on} makes a JVM that cannot map it exit.
         */
        AOT_CACHE("aotcache");

        private final String id;

        Jdk(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Jdk byId(String id) {
            return Arrays.stream(values()).filter(jdk -> jdk.id.equals(id.strip().toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new NebulaException("unknown jdk '" + id + "'; valid: "
                            + String.join(", ", Arrays.stream(values()).map(Jdk::id).toList())));
        }
    }

    private HostCommand() {}

    /**
     * The exact command that serves one request of {@code fn(n)} on {@code runtimeId} in a fresh JVM with {@code jdk}.
     * Throws, saying why, for a runtime that cannot use an AOT cache or a cache the build has not made.
     */
    public static List<String> of(String runtimeId, String jdk, String fn, String n) {
        List<String> command = jvm(runtimeId);
        if (Jdk.byId(jdk) == Jdk.AOT_CACHE) {
            Path cache = requireAotCache(runtimeId);
            command.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache));
        }
        return host(command, runtimeId, fn, n);
    }

    /** The training run the build makes: the same host and request, writing the AOT cache when it exits (JEP 514). */
    public static List<String> training(String runtimeId, String fn, String n) {
        refuseAotCache(runtimeId);
        List<String> command = jvm(runtimeId);
        command.add("-XX:AOTCacheOutput=" + aotCache(runtimeId));
        return host(command, runtimeId, fn, n);
    }

    /** Where the build writes {@code runtimeId}'s AOT cache. */
    public static Path aotCache(String runtimeId) {
        return Path.of(BuildInfo.AOT_CACHE_DIR, runtimeId + ".aot");
    }

    /**
     * Why {@code runtimeId}'s host cannot use an AOT cache, or null if it can. GraalWasm's optimizing runtime needs
     * {@code --upgrade-module-path}, with which the JVM disables CDS, and with it the AOT cache: it refuses to write
     * one ("Cannot use the following option when dumping the shared archive") and only warns, then runs without,
     * when given one, even with {@code -XX:AOTMode=on}.
     */
    public static String aotCacheRefusal(String runtimeId) {
        String upgradeModulePath = BuildInfo.GRAAL_UPGRADE_MODULE_PATH.split("=")[0];
        return forkFlags(runtimeId).stream().anyMatch(flag -> flag.startsWith(upgradeModulePath))
                ? runtimeId + " needs " + upgradeModulePath
                        + " for its optimizing runtime, and the JVM disables CDS, and so the AOT cache, with that flag"
                : null;
    }

    private static void refuseAotCache(String runtimeId) {
        String refusal = aotCacheRefusal(runtimeId);
        if (refusal != null) {
            throw new NebulaException("no AOT cache for " + runtimeId + ": " + refusal + "; measure it with jdk=" + Jdk.PLAIN.id());
        }
    }

    private static Path requireAotCache(String runtimeId) {
        refuseAotCache(runtimeId);
        Path cache = aotCache(runtimeId);
        if (!Files.isRegularFile(cache)) {
            throw new NebulaException("no AOT cache " + cache + " for " + runtimeId + "; the build trains one per in-JVM runtime"
                    + " after packaging: run mvn package (without -Daot.skip)");
        }
        return cache;
    }

    /** The JVM flags the runtime's descriptor asks for its forks (GraalWasm's JVMCI); its host JVM needs them too. */
    private static List<String> forkFlags(String runtimeId) {
        return Runtimes.descriptor(runtimeId).forkJvmFlags();
    }

    private static List<String> jvm(String runtimeId) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        command.addAll(forkFlags(runtimeId));
        return command;
    }

    private static List<String> host(List<String> jvm, String runtimeId, String fn, String n) {
        jvm.addAll(List.of("-cp", ThisJar.classPath(), OneRequestHost.class.getName(), runtimeId.strip(), fn, n));
        return jvm;
    }
}
