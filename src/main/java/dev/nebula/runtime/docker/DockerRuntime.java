package dev.nebula.runtime.docker;

import dev.nebula.runtime.Abi;
import dev.nebula.runtime.CommandForm;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.InvocationTimeout;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.cli.CliProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The static native binary in a Docker container, through docker-java. Deploy builds the image
 * locally ({@link NebulaImage}); cold is one {@code docker run}-equivalent per request, with a phase breakdown
 * ({@link dev.nebula.runtime.cli.ColdPhases}); warm is a long-running {@code nebula serve} container reached over a
 * unix socket in a bind mount. Containers never get a network: {@code none}.
 * <p>
 * One runtime id per base image: {@value #ID} runs FROM scratch, {@value #DEBIAN_ID} on a minimal Debian made locally.
 */
public final class DockerRuntime implements FunctionHost {
    public static final String ID = "docker";
    public static final String DEBIAN_ID = "docker-debian";
    /** How long a warm container may take to start listening. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    /** Where the binary is in every Nebula image. */
    public static final String BINARY_IN_IMAGE = NebulaImage.NEBULA_PATH;

    private final BaseImage base;
    private final Duration timeout;
    private final Duration startTimeout;
    private final URI dockerHost;

    private DockerRuntime(Builder builder) {
        this.base = builder.base;
        this.timeout = builder.timeout;
        this.startTimeout = builder.startTimeout;
        this.dockerHost = builder.dockerHost;
    }

    /** The {@value #ID} runtime: FROM scratch, default timeouts, the local engine. */
    public static DockerRuntime scratch() {
        return builder().build();
    }

    /** The {@value #DEBIAN_ID} runtime: on nebula-debian-base, default timeouts, the local engine. */
    public static DockerRuntime debian() {
        return builder().base(BaseImage.DEBIAN).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RuntimeDescriptor descriptor() {
        return base.descriptor();
    }

    @Override
    public String description() {
        return "the static native binary in a Docker container FROM " + (base.localBase() == null ? "scratch" : base.localBase())
                + ": cold = create/start/wait/remove, warm = nebula serve over a unix socket; network none";
    }


    /** Fails quickly, saying what to run, when there is no engine, no local base image, or no helper binary. */
    @Override
    public void requireAvailable() {
        DockerEngine engine = engine();
        engine.requireAnswering();
        NebulaImage.requireInputs(engine, base);
    }

    /** A user function's static binary, in an image FROM this base, one locked-down container per call. */
    @Override
    public Optional<CommandForm> commandForm() {
        return Optional.of(CommandForm.NATIVE_BINARY);
    }

    @Override
    public Deployment deploy(FunctionArtifact module) {
        CliProtocol.requireNativeBinary(id(), module);
        requireAvailable();
        DockerEngine engine = engine();
        ContainerJanitor.removeOrphans(engine);
        String image = NebulaImage.ensure(engine, base, module);
        return module.abi() == Abi.COMMAND
                ? new CommandContainers(engine, image, timeout)
                : new DockerDeployment(engine, image, timeout, startTimeout);
    }

    /**
     * The FROM-scratch image of {@code module} on the local engine, built now unless it is there (never pulled): what the
     * docker-cli and containerd rungs run, so that every container rung runs the same image.
     */
    public static String scratchImage(FunctionArtifact module) {
        DockerRuntime scratch = scratch();
        scratch.requireAvailable();
        return NebulaImage.ensure(scratch.engine(), BaseImage.SCRATCH, module);
    }

    /**
     * The labels for a container this JVM makes on the local engine by other means than docker-java (the docker CLI):
     * labelled so, it is removed at this JVM's exit, and by the next JVM's {@link #removeOrphanContainers} if this one
     * is killed.
     */
    public static Map<String, String> sessionLabels() {
        return ContainerJanitor.labelsFor(DockerEngine.local());
    }

    /** Once per JVM: removes the containers of Nebula JVMs that are gone from the local engine; returns how many. */
    public static int removeOrphanContainers() {
        return ContainerJanitor.removeOrphans(DockerEngine.local());
    }

    private DockerEngine engine() {
        return dockerHost == null ? DockerEngine.local() : DockerEngine.at(dockerHost);
    }

    /** Settings of a docker runtime; every one has a default. */
    public static final class Builder {
        private BaseImage base = BaseImage.SCRATCH;
        private Duration timeout = InvocationTimeout.configured();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private URI dockerHost;

        private Builder() {}

        public Builder base(BaseImage base) {
            this.base = Objects.requireNonNull(base);
            return this;
        }

        /** How long a one-shot container may run once started, or a warm call may take, before the container is killed and removed. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long a warm container may take to start listening on its socket. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout);
            return this;
        }

        /** The engine's unix socket, e.g. {@code unix:///var/run/docker.sock}; by default DOCKER_HOST or that one. */
        public Builder dockerHost(URI dockerHost) {
            this.dockerHost = Objects.requireNonNull(dockerHost);
            return this;
        }

        public DockerRuntime build() {
            return new DockerRuntime(this);
        }
    }
}
