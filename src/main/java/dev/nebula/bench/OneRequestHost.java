package dev.nebula.bench;

import dev.nebula.NebulaException;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.Runtimes;
import java.util.List;

/**
 * A whole FaaS host that lives for one request, as a scaled-from-zero container does:
 * {@code java -cp target/benchmarks.jar dev.nebula.bench.OneRequestHost <runtime> <fn> <n> [abi]} deploys the
 * project's module for an in-JVM runtime, answers one cold request (start, invoke, close), prints the answer on
 * stdout as one line, as the native binary does, and exits 0. Any error goes to stderr with exit code 2.
 * {@link ColdStartProcess} times it from outside, spawn to exit, as a {@code docker run} is timed.
 */
public final class OneRequestHost {
    static final int EXIT_ERROR = 2;

    private OneRequestHost() {}

    public static void main(String[] args) {
        int exitCode;
        try {
            System.out.println(answer(args));
            exitCode = 0;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("nebula: " + e.getMessage());
            exitCode = EXIT_ERROR;
        }
        System.out.flush();
        // A runtime's non-daemon threads (Truffle's compiler threads, say) must not keep the host alive after its answer.
        System.exit(exitCode);
    }

    /** Deploys, answers one cold request and undeploys; returns the answer as the native binary prints it. */
    static String answer(String[] args) {
        if (args.length < 3 || args.length > 4) {
            throw new NebulaException("usage: OneRequestHost <runtime> <fn> <n> [abi]; runtime one of "
                    + String.join(", ", Runtimes.inJvmIds()));
        }
        Case request = Case.of(requireInJvm(args[0]), args[1], args[2], args.length == 4 ? args[3] : Case.DEFAULT_ABI);
        try (Deployment deployment = request.deploy()) {
            long answer = deployment.coldInvoke(request.function(), request.n(), Phases.IGNORED);
            return request.function().format(answer);
        }
    }

    /** The runtime id, if it runs inside a JVM; a process or a container host is a process of its own already. */
    static String requireInJvm(String runtimeId) {
        List<String> inJvm = Runtimes.inJvmIds();
        Runtimes.byId(runtimeId); // an unknown id lists every valid one
        if (!inJvm.contains(runtimeId.strip())) {
            throw new NebulaException("runtime " + runtimeId.strip() + " does not run inside a JVM, so a JVM host adds nothing to it;"
                    + " valid: " + String.join(", ", inJvm));
        }
        return runtimeId.strip();
    }
}
