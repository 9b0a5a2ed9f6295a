package dev.nebula.runtime.oci;

import dev.nebula.InvocationTimeoutException;
import dev.nebula.NebulaException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.ColdPhases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The measured request of a container rung driven by a command-line tool ({@code runc run}, {@code ctr run},
 * {@code docker run}): the tool started, waited for within the time limit, and its output read, with the two
 * instants the phases need. The tool is always gone when this returns; what it made is the caller's to remove.
 */
public final class OneShotProcess {
    private OneShotProcess() {}

    /**
     * What a finished tool said.
     *
     * @param begun  nanoTime just before the tool was started
     * @param exited nanoTime once it had exited and its output was read
     */
    public record Finished(int exitCode, String stdout, String stderr, long begun, long exited) {}

    /**
     * One cold request of the native binary through a tool: {@link #run}, the answer parsed and the phases of
     * {@link ColdPhases} marked at the binary's own timestamps. A run that times out or fails records no phases and
     * has what the tool made removed by {@code removeAfterFailure} before the failure is thrown.
     */
    public static long coldRequest(List<String> command, Duration limit, String what, CatalogFunction function, long n,
                                   Phases phases, Runnable removeAfterFailure) {
        try {
            Finished run = run(command, limit, what);
            CliProtocol.OneShot result = CliProtocol.parseOneShot(function, n, run.exitCode(), run.stdout(), run.stderr());
            ColdPhases.markRun(phases, result.timestamps(), run.begun(), run.exited());
            return result.bits();
        } catch (RuntimeException e) {
            phases.begin();
            try {
                removeAfterFailure.run();
            } catch (RuntimeException removal) {
                e.addSuppressed(removal);
            }
            throw e;
        }
    }

    /**
     * Runs {@code command} to its end; one that outlives {@code limit} is killed and is an
     * {@link InvocationTimeoutException} naming {@code what}.
     */
    public static Finished run(List<String> command, Duration limit, String what) {
        long begun = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new NebulaException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InvocationTimeoutException(what, limit);
            }
            // The output is one short line each: it fits the pipes, so reading after the exit cannot block.
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Finished(process.exitValue(), stdout, stderr, begun, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrapException("interrupted while waiting for " + what, e);
        } catch (IOException e) {
            throw new TrapException("cannot read the output of " + what, e);
        } finally {
            process.destroyForcibly();
        }
    }
}
