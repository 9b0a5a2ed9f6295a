package dev.nebula.runtime.oci;

import dev.nebula.InvocationTimeoutException;
import dev.nebula.NebulaException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.OpenInstances;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.ColdPhases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bundle, ready for one {@code <tool> run} per cold request and a {@code nebula serve} container per warm instance.
 * A cold request's phases, in order, adding up to the whole:
 * <ol>
 *   <li>{@link #BUNDLE}: the request's {@code config.json} written (its args and its cgroup);</li>
 *   <li>{@link ColdPhases#START}: {@code <tool> run} started, until the function's first instruction as the binary
 *       reports it: the tool's own exec, namespaces, cgroup, mounts, pivot_root, the binary's exec;</li>
 *   <li>{@link ColdPhases#COMPUTE}: the function, by the binary's clock;</li>
 *   <li>{@link ColdPhases#EXIT}: until the tool has reaped the container, deleted its cgroup and state, exited, and
 *       its output is read;</li>
 *   <li>{@link ColdPhases#REMOVE}: the request's bundle directory deleted.</li>
 * </ol>
 */
final class OciDeployment implements Deployment {
    /** Phase: the request's config written. */
    static final String BUNDLE = "bundle";

    private final OciRuntime runtime;
    private final OciBundle bundle;
    private final Duration timeout;
    private final OpenInstances<OciInstance> instances = new OpenInstances<>();

    OciDeployment(OciRuntime runtime, OciBundle bundle, Duration timeout) {
        this.runtime = runtime;
        this.bundle = bundle;
        this.timeout = timeout;
    }

    /** The bundle's directory, for checks that nothing is left in it. */
    Path bundleDirectory() {
        return bundle.directory();
    }

    @Override
    public FunctionInstance start() {
        String name = SessionNames.next();
        Path request = bundle.request(name, List.of(CliProtocol.SERVE), List.of());
        return instances.add(new OciInstance(runtime.cli(), bundle.cgroupParent(), name, request, timeout, instances::closed));
    }

    @Override
    public long coldInvoke(CatalogFunction function, long n, Phases phases) {
        List<String> arguments = CliProtocol.oneShotArguments(function, n);
        OciCli cli = runtime.cli();
        String name = SessionNames.next();
        phases.begin();
        Path request = bundle.request(name, arguments, List.of(CliProtocol.TIMESTAMPS_ENV + "=1"));
        phases.mark(BUNDLE);
        long begun = System.nanoTime();
        OciJanitor.running(cli, name);
        Process process = launch(cli.command("run", "--bundle", request.toString(), name));
        boolean clean = false;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InvocationTimeoutException(cli.tool() + " container " + name + " (" + function.id() + " " + n + ")", timeout);
            }
            // The output is one short line each: it fits the pipes, so reading after the exit cannot block.
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            long exited = System.nanoTime();
            CliProtocol.OneShot result = CliProtocol.parseOneShot(function, n, process.exitValue(), stdout, stderr);
            ColdPhases.markRun(phases, result.timestamps(), begun, exited);
            clean = true;
            return result.bits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrapException("interrupted while waiting for " + function.id() + " " + n + " in " + cli.tool(), e);
        } catch (IOException e) {
            throw new TrapException("cannot read the output of " + function.id() + " " + n + " in " + cli.tool(), e);
        } finally {
            if (!clean) {
                // A timed-out or failed run: the container (killed with it), its cgroups and state go too.
                phases.begin();
                cli.forceDelete(name);
                CgroupTree.removeLeaf(bundle.cgroupParent(), name);
            }
            process.destroyForcibly();
            OciJanitor.gone(cli, name);
            OciBundle.forget(request);
            if (clean) {
                phases.mark(ColdPhases.REMOVE);
            }
        }
    }

    private static Process launch(List<String> command) {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new NebulaException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    /** Ends every warm container started here, then deletes the bundle, and the cgroup parent and state directory if empty. */
    @Override
    public void close() {
        try {
            instances.closeAll();
        } finally {
            bundle.close();
            CgroupTree.removeParent(bundle.cgroupParent());
            removeIfEmpty(Path.of(runtime.cli().stateRoot()));
        }
    }

    private static void removeIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Another deployment's containers are still in it.
        }
    }
}
