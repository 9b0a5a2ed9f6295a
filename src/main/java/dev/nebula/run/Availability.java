package dev.nebula.run;

import dev.nebula.NebulaException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.runtime.Runtimes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which runtimes can run here, asked of each runtime's {@link dev.nebula.runtime.FunctionHost#requireAvailable()} in a
 * JVM with the flags their forks get: the answer depends on them (GraalWasm's optimizing runtime needs JVMCI,
 * Wasmtime native access), so a launcher started without them asks a child JVM that has them.
 */
public final class Availability {
    private static final String ANSWER = "nebula-availability ";

    private Availability() {}

    /** For each id, null when the runtime can run here, else the one-line reason it cannot. */
    public static Map<String, String> problems(List<String> ids) {
        return FlaggedJvm.isThisOne() ? checkHere(ids)
                : parse(FlaggedJvm.runChild(Availability.class, ids, "checking runtimes " + ids), ids);
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
