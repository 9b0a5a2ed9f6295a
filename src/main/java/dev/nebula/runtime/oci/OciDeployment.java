package dev.nebula.runtime.oci;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.ContainerFootprint;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.OpenInstances;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.ColdPhases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
final class OciDeployment implements Deployment, ContainerFootprint {
    /** Phase: the request's config written. */
    static final String BUNDLE = "bundle";

    private final OciRuntime runtime;
    private final OciBundle bundle;
    private final Duration timeout;
    private final OpenInstances<PipedContainer> instances = new OpenInstances<>();

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
        OciCli cli = runtime.cli();
        OciJanitor.running(cli, name);
        return instances.add(new PipedContainer(name, cli.command("run", "--bundle", request.toString(), name),
                "nebula serve in " + cli.tool() + " container " + name, timeout, () -> forceDelete(name),
                () -> forget(name, request), instances::closed));
    }

    /** Each warm container's cgroup, as its config.json names it; no shim: the tool itself waits on the container. */
    @Override
    public List<LiveContainer> liveContainers() {
        return instances.open().stream()
                .map(instance -> new LiveContainer(bundle.cgroupsPath(instance.name()), Optional.empty()))
                .toList();
    }

    @Override
    public long coldInvoke(CatalogFunction function, long n, Phases phases) {
        List<String> arguments = CliProtocol.oneShotArguments(function, n);
        OciCli cli = runtime.cli();
        String name = SessionNames.next();
        phases.begin();
        Path request = bundle.request(name, arguments, List.of(CliProtocol.TIMESTAMPS_ENV + "=1"));
        phases.mark(BUNDLE);
        OciJanitor.running(cli, name);
        long bits;
        try {
            bits = OneShotProcess.coldRequest(cli.command("run", "--bundle", request.toString(), name), timeout,
                    cli.tool() + " container " + name + " (" + function.id() + " " + n + ")", function, n, phases, () -> forceDelete(name));
        } finally {
            forget(name, request);
        }
        phases.mark(ColdPhases.REMOVE);
        return bits;
    }

    /** Kills and deletes a container, its cgroups and its state. */
    private void forceDelete(String name) {
        runtime.cli().forceDelete(name);
        CgroupTree.removeLeafOfKilled(bundle.cgroupParent(), name, Duration.ofSeconds(2));
    }

    /** After a container's end: the janitor and the bundle forget it. */
    private void forget(String name, Path request) {
        OciJanitor.gone(runtime.cli(), name);
        OciBundle.forget(request);
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
