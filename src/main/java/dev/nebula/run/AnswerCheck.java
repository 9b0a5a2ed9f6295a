package dev.nebula.run;

import dev.nebula.NebulaException;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.UserFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Correctness before timing, for a user function: before any fork starts, every planned runtime runs it once for each
 * n, in a JVM with every runtime's fork flags ({@link FlaggedJvm}); the answers must all agree, and equal
 * {@code -p expect} when it is given. A disagreement, or a run that fails, stops the launch with one line naming the
 * runtimes and their answers. Each benchmark's setup checks its own runtime again against the reference.
 */
public final class AnswerCheck {
    private static final String FAILED = "nebula-answers-failed ";

    private AnswerCheck() {}

    /** Throws a one-line {@link NebulaException} unless every runtime of {@code runtimes} gives the same right answer. */
    static void require(UserFunctionRun run, List<String> runtimes) {
        if (FlaggedJvm.isThisOne()) {
            check(run.function(), runtimes, run.inputs(), run.expect());
            return;
        }
        List<String> args = new ArrayList<>(List.of(run.module(), run.binary().orElse(""), run.expect().orElse(""),
                run.inputs().stream().map(String::valueOf).collect(Collectors.joining(","))));
        args.addAll(runtimes);
        String out = FlaggedJvm.runChild(AnswerCheck.class, args, "checking the answers of " + run.function().name());
        out.lines().filter(line -> line.startsWith(FAILED)).findFirst().ifPresent(line -> {
            throw new NebulaException(line.substring(FAILED.length()));
        });
    }

    /** Runs {@code function} once on each runtime for each n, in this JVM, and compares the answers. */
    static void check(UserFunction function, List<String> runtimes, List<Long> inputs, Optional<String> expect) {
        for (long n : inputs) {
            String call = function.name() + "(" + n + ")";
            Map<String, String> answers = new LinkedHashMap<>();
            for (String id : runtimes) {
                try (Deployment deployment = function.deployOn(id)) {
                    answers.put(id, deployment.coldInvokeText(n, Phases.IGNORED));
                } catch (NebulaException e) {
                    throw new NebulaException(call + " failed on " + id + ": " + e.getMessage(), e);
                }
            }
            requireAgreement(call, answers, expect);
        }
    }

    /** Throws, naming every runtime and its answer, unless all of {@code answers} (runtime id to answer) are one, equal to {@code expect} if given. */
    static void requireAgreement(String call, Map<String, String> answers, Optional<String> expect) {
        if (new LinkedHashSet<>(answers.values()).size() > 1) {
            throw new NebulaException(call + ": the runtimes disagree: " + answers.entrySet().stream()
                    .map(answer -> answer.getKey() + " answers '" + answer.getValue() + "'").collect(Collectors.joining(", "))
                    + "; nothing was timed");
        }
        String agreed = answers.values().iterator().next();
        expect.filter(expected -> !expected.equals(agreed)).ifPresent(expected -> {
            throw new NebulaException(call + ": every runtime (" + String.join(", ", answers.keySet()) + ") answers '" + agreed
                    + "' but -p expect='" + expected + "'; nothing was timed");
        });
    }

    /** The child: {@code <module> <binary or ""> <expect or ""> <n,n,...> <runtime>...}; prints a failure as one line. */
    public static void main(String[] args) {
        try {
            UserFunction function = UserFunction.fromFiles(Path.of(args[0]),
                    args[1].isEmpty() ? Optional.empty() : Optional.of(Path.of(args[1])));
            List<Long> inputs = Arrays.stream(args[3].split(",")).map(Long::valueOf).toList();
            check(function, List.of(args).subList(4, args.length), inputs, args[2].isEmpty() ? Optional.empty() : Optional.of(args[2]));
        } catch (NebulaException e) {
            System.out.println(FAILED + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
        }
        System.out.flush();
        System.exit(0); // a runtime's non-daemon threads (docker-java, Truffle) must not keep the child alive
    }
}
