package dev.nebula.runtime.docker;

import dev.nebula.ModuleException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.runtime.FunctionArtifact;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The image that runs a native binary, built locally from {@code Dockerfiles/} through docker-java. The build context is
 * a tar made in memory: the Dockerfile and the binary, mode 0755 in the context (the legacy builder has no
 * {@code COPY --chmod}). The tag is derived from the binary's sha256 (and the rest of the recipe), so an unchanged image
 * is never rebuilt. Nothing is ever pulled: the build runs with pull disabled, and a local base must exist before the
 * build starts.
 */
final class NebulaImage {
    /** Image repositories are named this plus the base\'s id. */
    static final String REPOSITORY_PREFIX = "nebula-cli-";

    /** Where both images put the binary (see the Dockerfiles). */
    static final String NEBULA_PATH = "/usr/local/bin/nebula";

    private static final int EXECUTABLE = 0755;
    private static final int READABLE = 0644;

    private NebulaImage() {}

    /** Fails with the command that fixes it when something the image needs is missing here. */
    static void requireInputs(DockerEngine engine, BaseImage base) {
        if (base.localBase() != null && !engine.imageExists(base.localBase())) {
            throw new RuntimeUnavailableException("the base image " + base.localBase() + " of runtime " + base.runtimeId()
                    + " is missing (it is made locally, never pulled); make it with: " + base.makeBaseCommand());
        }
    }

    /** The tag of the image for this binary on this base, built now unless the engine already has it. */
    static String ensure(DockerEngine engine, BaseImage base, FunctionArtifact module) {
        requireInputs(engine, base);
        byte[] dockerfile = read(base.dockerfile());
        String baseId = base.localBase() == null ? "scratch" : engine.imageId(base.localBase());
        String recipe = FunctionArtifact.sha256(dockerfile, baseId.getBytes(StandardCharsets.UTF_8));
        String tag = REPOSITORY_PREFIX + base.id() + ":" + module.sha256().substring(0, 16) + "-" + recipe.substring(0, 12);
        if (engine.imageExists(tag)) {
            return tag;
        }
        byte[] context = buildContext(Map.of("Dockerfile", new ContextFile(dockerfile, READABLE), "nebula", new ContextFile(module.bytes(), EXECUTABLE)));
        try {
            engine.buildImage(tag, new ByteArrayInputStream(context));
        } catch (RuntimeUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModuleException("cannot build image " + tag + " from " + base.dockerfile() + " and " + module + ": "
                    + DockerEngine.rootMessage(e), e);
        }
        return tag;
    }

    private record ContextFile(byte[] bytes, int mode) {}

    /** A tar of {@code files}, by name: the build context the engine's /build takes. */
    private static byte[] buildContext(Map<String, ContextFile> files) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            for (Map.Entry<String, ContextFile> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().bytes().length);
                entry.setMode(file.getValue().mode());
                out.putArchiveEntry(entry);
                out.write(file.getValue().bytes());
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a build context in memory", e);
        }
        return tar.toByteArray();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
