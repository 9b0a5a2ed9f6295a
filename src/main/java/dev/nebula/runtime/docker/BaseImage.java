package dev.nebula.runtime.docker;

import dev.nebula.runtime.Abi;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import java.util.List;
import dev.nebula.BuildInfo;
import java.nio.file.Path;

/**
 * What the native binary's image is built on. Each base is its own runtime id ({@code docker}, {@code docker-debian}),
 * so that results name the base in the runtime column and every suite that iterates runtimes covers both.
 */
public enum BaseImage {
    /** Nothing but the binary: the default, and the smallest possible container. */
    SCRATCH(DockerRuntime.ID, "scratch", "scratch.Dockerfile", null, null),
    /** A minimal Debian root filesystem, made locally: the thesis compared base images. */
    DEBIAN(DockerRuntime.DEBIAN_ID, "debian", "debian.Dockerfile", "nebula-debian-base:bookworm", "bash scripts/debian-base.sh");

    /** Where the Dockerfiles and their inputs live. */
    static final Path DOCKERFILES = Path.of(BuildInfo.PROJECT_DIR, "Dockerfiles");

    private final String runtimeId;
    private final String id;
    private final String dockerfile;
    private final String localBase;
    private final String makeBaseCommand;

    BaseImage(String runtimeId, String id, String dockerfile, String localBase, String makeBaseCommand) {
        this.runtimeId = runtimeId;
        this.id = id;
        this.dockerfile = dockerfile;
        this.localBase = localBase;
        this.makeBaseCommand = makeBaseCommand;
    }

    /** The runtime id that runs on this base. */
    public String runtimeId() {
        return runtimeId;
    }

    /** The runtime that runs on this base: a container rung of its own, with its own image. */
    public RuntimeDescriptor descriptor() {
        return new RuntimeDescriptor(runtimeId, Kind.CONTAINER, List.of(Abi.CLI), Footprint.CONTAINERS,
                Artifact.image(NebulaImage.REPOSITORY_PREFIX + id));
    }

    public String id() {
        return id;
    }

    Path dockerfile() {
        return DOCKERFILES.resolve(dockerfile);
    }

    /** The locally made image the Dockerfile starts FROM, or null for scratch. */
    String localBase() {
        return localBase;
    }

    /** The command that makes {@link #localBase()}. */
    String makeBaseCommand() {
        return makeBaseCommand;
    }
}
