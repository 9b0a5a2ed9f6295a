package dev.nebula.serve;

import dev.nebula.BuildInfo;
import dev.nebula.ThisJar;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.Runtimes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GraalWasm optimizes only in a JVM started with its JVMCI flags, and a JVM's flags are fixed at its start. So
 * {@code java -jar benchmarks.jar serve} without them starts the server again, as its one child, in a JVM with the
 * flags every registered runtime declares ({@link RuntimeDescriptor#forkJvmFlags()}; today GraalWasm's alone) and
 * with this JVM's own options, and passes SIGTERM and Ctrl-C on to it. Nothing to do when the flags are there already,
 * when not running from the jar, or when the build has not copied the compiler jars.
 */
final class GraalWasmRelaunch {
    /** Set in the child, so that it can never start another one. */
    static final String RELAUNCHED_PROPERTY = "nebula.serve.relaunched";

    private GraalWasmRelaunch() {}

    /** The JVM flags the registered runtimes need in the JVM that hosts them, each once, in the registry's order. */
    static List<String> runtimeJvmFlags() {
        return Runtimes.descriptors().stream().flatMap(d -> d.forkJvmFlags().stream()).distinct().toList();
    }

    static boolean needed() {
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return System.getProperty(RELAUNCHED_PROPERTY) == null
                && !jvmArguments.containsAll(runtimeJvmFlags())
                && Files.isDirectory(Path.of(BuildInfo.GRAAL_COMPILER_DIR))
                && ThisJar.path().isPresent()
                && ProcessHandle.current().info().command().isPresent();
    }

    /** Runs the server in a JVM with GraalWasm's flags; returns its exit code. */
    static int run(String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(runtimeJvmFlags());
        command.add("-D" + RELAUNCHED_PROPERTY + "=true");
        command.addAll(List.of("-cp", ThisJar.path().orElseThrow().toString(), ServeCommand.class.getName()));
        command.addAll(List.of(args));
        Process server = new ProcessBuilder(command).inheritIO().start();
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "nebula-serve-relaunch-stop"));
        return server.waitFor();
    }

    /** SIGTERM, so that the server drains and closes everything; killed if it does not end in time. */
    private static void stop(Process server) {
        server.destroy();
        try {
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
        }
    }
}
