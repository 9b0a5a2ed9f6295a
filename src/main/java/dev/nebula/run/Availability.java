package dev.nebula.run;

import dev.nebula.NebulaException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.runtime.Runtimes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which runtimes can run here, asked of each runtime's {@link dev.nebula.runtime.FunctionHost#requireAvailable()} in a
 * JVM with the flags their forks get: the answer depends on them (GraalWasm's optimizing runtime needs JVMCI,
 * Wasmtime native access), so a launcher started without them asks a child JVM that has them.
 */
public final class Availability {
    private static final String ANSWER = "nebula-availability ";
    private static final long CHILD_TIMEOUT_SECONDS = 300;

    private Availability() {}

    /** For each id, null when the runtime can run here, else the one-line reason it cannot. */
    public static Map<String, String> problems(List<String> ids) {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return args.containsAll(ForkFlags.everyRuntimesOwn()) ? checkHere(ids) : checkInChildJvm(ids);
    }

    static Map<String, String> checkHere(List<String> ids) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String id : ids) {
            problems.put(id, problem(id));
        }
        return problems;
    }

    private static String problem(String id) {
        try {
            Runtimes.byId(id).requireAvailable();
            return null;
        } catch (RuntimeUnavailableException e) {
            return e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            // Not the runtime's own verdict but a failure while asking: still one line, naming what broke.
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static Map<String, String> checkInChildJvm(List<String> ids) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ForkFlags.everyRuntimesOwn());
        command.add(ForkFlags.NATIVE_ACCESS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Availability.class.getName());
        command.addAll(ids);
        try {
            Path log = Files.createTempFile("nebula-availability", ".log");
            try {
                Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
                String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    throw new NebulaException("checking runtimes " + ids + " took over " + CHILD_TIMEOUT_SECONDS + " s");
                }
                if (child.exitValue() != 0) {
                    throw new NebulaException("checking runtimes in a child JVM failed (exit " + child.exitValue() + "): "
                            + String.join(" ", command) + "\n" + Files.readString(log));
                }
                return parse(out, ids);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new NebulaException("cannot start a JVM to check the runtimes: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NebulaException("interrupted while checking the runtimes", e);
        }
    }

    private static Map<String, String> parse(String out, List<String> ids) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith(ANSWER)) {
                String[] idAndProblem = line.substring(ANSWER.length()).split("\t", 2);
                problems.put(idAndProblem[0], idAndProblem[1].isEmpty() ? null : idAndProblem[1]);
            }
        }
        if (!problems.keySet().containsAll(ids)) {
            throw new NebulaException("the child JVM did not answer for every runtime of " + ids + ": " + out);
        }
        return problems;
    }

    /** The child JVM: one line per runtime id, {@code nebula-availability <id>\t<problem or nothing>}. */
    public static void main(String[] ids) {
        checkHere(Arrays.asList(ids)).forEach((id, problem) ->
                System.out.println(ANSWER + id + "\t" + (problem == null ? "" : problem.replace('\n', ' '))));
        System.out.flush();
        System.exit(0); // a runtime's non-daemon threads (docker-java, Truffle) must not keep the child alive
    }
}
