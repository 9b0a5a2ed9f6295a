package dev.nebula.runtime.dockercli;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.OpenInstances;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.ColdPhases;
import dev.nebula.runtime.oci.OneShotProcess;
import dev.nebula.runtime.oci.PipedContainer;
import dev.nebula.runtime.oci.SessionNames;
import java.time.Duration;
import java.util.List;

/**
 * An image, ready for one {@code docker run --rm} per cold request and a {@code docker run -i} per warm instance.
 * A cold request's phases, in order, adding up to the whole (the CLI shows no more; {@code docker} splits the engine's
 * part into create, start and remove through the Engine API):
 * <ol>
 *   <li>{@link ColdPhases#START}: the CLI started, until the function's first instruction as the binary reports it:
 *       the CLI's own start, create, attach, and dockerd, containerd, the shim and runc starting the container;</li>
 *   <li>{@link ColdPhases#COMPUTE}: the function, by the binary's clock;</li>
 *   <li>{@link ColdPhases#EXIT}: until the CLI has seen the exit, waited for the removal {@code --rm} asks for, and
 *       exited, and its output is read.</li>
 * </ol>
 */
final class DockerCliDeployment implements Deployment {
    private final DockerCli docker;
    private final Duration timeout;
    private final OpenInstances<PipedContainer> instances = new OpenInstances<>();

    DockerCliDeployment(DockerCli docker, Duration timeout) {
        this.docker = docker;
        this.timeout = timeout;
    }

    @Override
    public FunctionInstance start() {
        String name = SessionNames.next();
        return instances.add(new PipedContainer(name, docker.run(name, List.of("--interactive"), List.of(CliProtocol.SERVE)),
                "nebula serve in docker container " + name, timeout, () -> docker.forceRemove(name), () -> {}, instances::closed));
    }

    @Override
    public long coldInvoke(CatalogFunction function, long n, Phases phases) {
        String name = SessionNames.next();
        List<String> command = docker.run(name, List.of("--env", CliProtocol.TIMESTAMPS_ENV + "=1"), CliProtocol.oneShotArguments(function, n));
        phases.begin();
        // A timed-out CLI is killed, not its container: that goes by force, as after any failure.
        return OneShotProcess.coldRequest(command, timeout, "docker container " + name + " (" + function.id() + " " + n + ")",
                function, n, phases, () -> docker.forceRemove(name));
    }

    /** Removes every warm container started here; the image stays, as {@code docker}'s does. */
    @Override
    public void close() {
        instances.closeAll();
    }
}
