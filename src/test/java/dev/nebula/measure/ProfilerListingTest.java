package dev.nebula.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.BuildInfo;
import dev.nebula.ChildJvm;
import dev.nebula.Need;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar target/benchmarks.jar -lprof} lists Nebula's profilers beside JMH's own: they are registered in
 * {@code META-INF/services/org.openjdk.jmh.profile.Profiler}, which the shaded jar must keep. Runs on the packaged
 * jar, so in {@code mvn verify} only (Failsafe passes the jar's path).
 */
@Tag(Need.CHILD_JVM)
class ProfilerListingTest {
    private static final Path JAR = Path.of(System.getProperty("nebula.jar", BuildInfo.PROJECT_DIR + "/target/benchmarks.jar"));

    @Test
    void theJarListsNebulasProfilersWithTheirDescriptions() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: it is made by mvn package, before mvn verify's integration tests");
        ChildJvm child = ChildJvm.runJar(JAR, List.of("-lprof"));
        assertEquals(0, child.exitCode(), child.report());
        for (Class<?> profiler : List.of(PhaseProfiler.class, CpuProfiler.class, DensityProfiler.class)) {
            assertTrue(child.output().lines().anyMatch(line -> line.contains(profiler.getName()) && line.contains("Nebula: ")),
                    profiler.getName() + " is not listed with its description:" + child.report());
        }
    }
}
