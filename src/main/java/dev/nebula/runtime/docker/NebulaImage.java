package dev.nebula.runtime.docker;

import dev.nebula.ModuleException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.runtime.Module;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;

/**
 * The image that runs a native binary, built locally from {@code Dockerfiles/} with Testcontainers'
 * {@link ImageFromDockerfile}. The build context is made in memory: the Dockerfile and the binary, mode 0755 in the
 * context (the legacy builder has no {@code COPY --chmod}).
 * The tag is derived from the binary's sha256 (and the rest of the recipe), so an unchanged image is never rebuilt.
 * Nothing is ever pulled: the Dockerfile is not given as a path (that makes Testcontainers pre-pull every FROM),
 * the build runs with pull disabled, and a local base must exist before the build starts.
 */
final class NebulaImage {
    /** Where both images put the binary (see the Dockerfiles). */
    static final String NEBULA_PATH = "/usr/local/bin/nebula";

    private static final int EXECUTABLE = 0755;

    private NebulaImage() {}

    /** Fails with the command that fixes it when something the image needs is missing here. */
    static void requireInputs(DockerEngine engine, BaseImage base) {
        if (base.localBase() != null && !engine.imageExists(base.localBase())) {
            throw new RuntimeUnavailableException("the base image " + base.localBase() + " of runtime " + base.runtimeId()
                    + " is missing (it is made locally, never pulled); make it with: " + base.makeBaseCommand());
        }
    }

    /** The tag of the image for this binary on this base, built now unless the engine already has it. */
    static String ensure(DockerEngine engine, BaseImage base, Module module) {
        requireInputs(engine, base);
        byte[] dockerfile = read(base.dockerfile());
        String baseId = base.localBase() == null ? "scratch" : engine.imageId(base.localBase());
        String recipe = Module.sha256(dockerfile, baseId.getBytes(StandardCharsets.UTF_8));
        String tag = "nebula-cli-" + base.id() + ":" + module.sha256().substring(0, 16) + "-" + recipe.substring(0, 12);
        if (engine.imageExists(tag)) {
            return tag;
        }
        TestcontainersSetup.useEngine(engine);
        try {
            new ImageFromDockerfile(tag, false)
                    .withFileFromTransferable("Dockerfile", Transferable.of(dockerfile))
                    .withFileFromTransferable("nebula", Transferable.of(module.bytes(), EXECUTABLE))
                    .withBuildImageCmdModifier(command -> command.withPull(false))
                    .get();
        } catch (RuntimeException e) {
            RuntimeException failure = engine.failure("building image " + tag, e);
            if (failure instanceof RuntimeUnavailableException) {
                throw failure;
            }
            throw new ModuleException("cannot build image " + tag + " from " + base.dockerfile() + " and " + module + ": "
                    + DockerEngine.rootMessage(e), e);
        }
        return tag;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
