package dev.nebula.runtime.crun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.Need;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.oci.CgroupTree;
import dev.nebula.runtime.oci.OciLeftovers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** crun where it runs, and its one-line refusal where it does not, which must agree with crun itself. */
class CrunRuntimeTest {

    @Test
    void onlyHybridCgroupsWithV2ControllersAreRefusedWithCrunsOwnWords() {
        String refusal = CrunRuntime.cgroupProblem(CgroupTree.Mode.HYBRID, "hugetlb");
        assertTrue(refusal.startsWith("crun: cgroups in hybrid mode not supported ("), refusal);
        assertTrue(refusal.contains("hugetlb"), refusal);
        assertNull(CrunRuntime.cgroupProblem(CgroupTree.Mode.HYBRID, ""));
        assertNull(CrunRuntime.cgroupProblem(CgroupTree.Mode.UNIFIED, ""));
        assertNull(CrunRuntime.cgroupProblem(CgroupTree.Mode.LEGACY, ""));
    }

    @Test
    @Tag(Need.ROOT)
    @Tag(Need.NATIVE)
    void runsWhereItsCgroupCheckPassesAndRefusesBeforeDeployingElsewhere() throws Exception {
        CrunRuntime runtime = new CrunRuntime();
        if (CrunRuntime.cgroupProblem(CgroupTree.mode(), CgroupTree.hybridV2Controllers()) != null) {
            RuntimeUnavailableException refused = assertThrows(RuntimeUnavailableException.class, runtime::requireAvailable);
            assertTrue(refused.getMessage().startsWith("crun: cgroups in hybrid mode not supported ("), refused.getMessage());
            assertThrows(RuntimeUnavailableException.class, () -> runtime.deploy(FunctionArtifact.bundled(Abi.CLI)));
            // The detection is not stricter than crun: crun itself refuses this machine, in the words quoted.
            String said = crunRunOnAnEmptyBundle();
            assertTrue(said.contains("cgroups in hybrid mode not supported"), said);
            return;
        }
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.CLI))) {
            assertEquals(CatalogFunction.FIB.reference(90), deployment.coldInvoke(CatalogFunction.FIB, 90, Phases.IGNORED));
            var instance = deployment.start();
            assertEquals(CatalogFunction.FIB.reference(10), instance.invoke(CatalogFunction.FIB, 10));
            instance.close();
        }
        OciLeftovers.assertNoneOfThisJvm(runtime);
    }

    /** What {@code crun run} says on a bundle of {@code crun spec}'s defaults and an empty root file system. */
    private static String crunRunOnAnEmptyBundle() throws Exception {
        Path bundle = Files.createTempDirectory("nebula-crun-probe");
        try {
            Files.createDirectory(bundle.resolve("rootfs"));
            new ProcessBuilder("crun", "spec").directory(bundle.toFile()).start().waitFor();
            Process crun = new ProcessBuilder("crun", "--root", bundle.resolve("state").toString(), "run", "--bundle", bundle.toString(),
                    "nebula-crun-probe").redirectErrorStream(true).start();
            String said = new String(crun.getInputStream().readAllBytes());
            crun.waitFor();
            return said;
        } finally {
            try (Stream<Path> walk = Files.walk(bundle)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
