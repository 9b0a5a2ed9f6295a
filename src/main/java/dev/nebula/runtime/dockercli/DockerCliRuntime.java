package dev.nebula.runtime.dockercli;

import dev.nebula.RuntimeUnavailableException;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.InvocationTimeout;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.docker.BaseImage;
import dev.nebula.runtime.docker.DockerRuntime;
import dev.nebula.runtime.oci.ShortCommand;
import java.time.Duration;
import java.util.List;

/**
 * The thesis's own shape: {@code docker run --rm --network none <image> <fn> <n>} through the docker CLI, one CLI
 * process per request, on the same FROM-scratch image as {@code docker} (built at deploy from the native binary,
 * never pulled). The top rung of the container ladder: what {@code docker} costs plus the CLI's own start and its
 * round trips (create, attach, start, wait, and the removal that {@code --rm} waits for). Warm is
 * {@code docker run -i --rm} of {@code nebula serve}, one line each way over the CLI's pipes.
 */
public final class DockerCliRuntime implements FunctionHost {
    public static final String ID = "docker-cli";
    public static final RuntimeDescriptor DESCRIPTOR = new RuntimeDescriptor(ID, Kind.CONTAINER, List.of(Abi.CLI),
            Footprint.CONTAINERS, BaseImage.SCRATCH.descriptor().artifact());

    private final Duration timeout;

    public DockerCliRuntime() {
        this(InvocationTimeout.configured());
    }

    /** @param timeout how long one invocation may run before its container is removed */
    public DockerCliRuntime(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public RuntimeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String description() {
        return "the static native binary FROM scratch through the docker CLI: cold = docker run --rm per request,"
                + " warm = docker run -i of nebula serve over its pipes; network none";
    }

    /** Fails, saying what to do, without an engine or without the docker CLI. */
    @Override
    public void requireAvailable() {
        DockerRuntime.scratch().requireAvailable();
        if (!ShortCommand.onPath("docker")) {
            throw new RuntimeUnavailableException(ID + ": the docker CLI is not on PATH; install it with: bash scripts/setup.sh");
        }
    }

    @Override
    public Deployment deploy(FunctionArtifact module) {
        CliProtocol.requireNativeBinary(ID, module);
        requireAvailable();
        DockerRuntime.removeOrphanContainers();
        return new DockerCliDeployment(new DockerCli(DockerRuntime.scratchImage(module), DockerRuntime.sessionLabels()), timeout);
    }
}
