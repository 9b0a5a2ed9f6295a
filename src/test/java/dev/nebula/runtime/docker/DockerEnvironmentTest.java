package dev.nebula.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.function.CatalogFunction;
import dev.nebula.Need;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The docker runtime in a fresh JVM, as {@code java -jar target/benchmarks.jar} runs it: with an empty environment
 * (none of the TESTCONTAINERS_* variables Surefire sets for FromScratchContainerTest, no DOCKER_HOST, no PATH), and a
 * home directory of its own.
 */
@Tag(Need.DOCKER)
@Tag(Need.NATIVE)
@Tag(Need.CHILD_JVM)
class DockerEnvironmentTest {

    @Test
    void worksInAnEmptyEnvironmentAndWritesNothingToHome() throws Exception {
        DockerEngine engine = DockerEngine.local();
        String image = NebulaImage.ensure(engine, BaseImage.SCRATCH, DockerSmoke.freshModule());
        // Removed first, so that the child JVM builds it itself.
        engine.client().removeImageCmd(image).exec();
        Path home = Files.createTempDirectory("nebula-home");
        try {
            Child child = runChild(home, "run");
            assertEquals(0, child.exitCode(), child.output());
            String expected = "cold=" + CatalogFunction.FIB.format(CatalogFunction.FIB.reference(90)) + " warm=" + CatalogFunction.FACT.format(CatalogFunction.FACT.reference(20));
            assertTrue(child.output().contains(expected), child.output());
            assertTrue(engine.imageExists(image), "the child built " + image);
            try (Stream<Path> written = Files.list(home)) {
                assertEquals(List.of(), written.toList(), "the child wrote into its home directory");
            }
        } finally {
            if (engine.imageExists(image)) {
                engine.client().removeImageCmd(image).exec();
            }
            deleteTree(home);
        }
    }

    @Test
    void containersLeftRunningAreRemovedWhenTheJvmExits() throws Exception {
        Path home = Files.createTempDirectory("nebula-home");
        try {
            Child child = runChild(home, "leave-running");
            assertEquals(0, child.exitCode(), child.output());
            Matcher id = Pattern.compile("container=([0-9a-f]+)").matcher(child.output());
            assertTrue(id.find(), child.output());
            assertTrue(DockerEngine.local().nebulaContainers().stream().noneMatch(c -> c.getId().equals(id.group(1))),
                    "the shutdown hook must remove container " + id.group(1));
        } finally {
            Files.deleteIfExists(home);
        }
    }

    private static Child runChild(Path home, String mode) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home,
                "-cp", System.getProperty("java.class.path"),
                DockerSmoke.class.getName(), mode)).redirectErrorStream(true);
        builder.environment().clear();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Child(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private record Child(int exitCode, String output) {}
}
