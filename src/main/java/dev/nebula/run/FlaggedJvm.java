package dev.nebula.run;

import dev.nebula.NebulaException;
import dev.nebula.runtime.InvocationTimeout;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM with the flags every runtime's forks get (GraalWasm's JVMCI, Wasmtime's native access), for the launcher's
 * checks that must see the runtimes as the forks do: this one when it has them, else a child started with them.
 */
final class FlaggedJvm {
    private static final long CHILD_TIMEOUT_SECONDS = 300;

    private FlaggedJvm() {}

    /** Whether this JVM has every runtime's fork flags. */
    static boolean isThisOne() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().containsAll(ForkFlags.everyRuntimesOwn());
    }

    /** Runs {@code main} with {@code args} in a child JVM with the flags and returns its stdout; a failed child is an error naming {@code what}. */
    static String runChild(Class<?> main, List<String> args, String what) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ForkFlags.everyRuntimesOwn());
        command.add(ForkFlags.NATIVE_ACCESS);
        String timeout = System.getProperty(InvocationTimeout.PROPERTY);
        if (timeout != null) {
            command.add("-D" + InvocationTimeout.PROPERTY + "=" + timeout);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        try {
            Path log = Files.createTempFile("nebula-child", ".log");
            try {
                Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
                String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    throw new NebulaException(what + " took over " + CHILD_TIMEOUT_SECONDS + " s");
                }
                if (child.exitValue() != 0) {
                    throw new NebulaException(what + " in a child JVM failed (exit " + child.exitValue() + "): "
                            + String.join(" ", command) + "\n" + Files.readString(log));
                }
                return out;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new NebulaException("cannot start a JVM for " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NebulaException("interrupted while " + what, e);
        }
    }
}
