package dev.nebula.runtime.dockercli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvocationTimeoutException;
import dev.nebula.Need;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.cli.ColdPhases;
import dev.nebula.runtime.cli.PhaseAssertions;
import dev.nebula.runtime.oci.PipedContainer;
import dev.nebula.runtime.oci.SessionNames;
import dev.nebula.runtime.oci.ShortCommand;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the docker CLI rung promises beyond the shared matrix: phases, no network, time limits, nothing left. */
@Tag(Need.DOCKER)
@Tag(Need.NATIVE)
class DockerCliRuntimeTest {
    /** fib-rec 40 computes for about 0.3 s natively; a docker run takes longer than this on its own. */
    private static final Duration TINY_TIMEOUT = Duration.ofMillis(100);

    @Test
    void coldStartRecordsItsPhasesInOrderAndLeavesNoContainer() {
        try (Deployment deployment = new DockerCliRuntime().deploy(FunctionArtifact.bundled(Abi.CLI))) {
            Phases phases = Phases.recording();
            assertEquals(CatalogFunction.PRIME.reference(1000), deployment.coldInvoke(CatalogFunction.PRIME, 1000, phases));
            assertEquals(List.of(ColdPhases.START, ColdPhases.COMPUTE, ColdPhases.EXIT), PhaseAssertions.assertInOrder(phases));
        }
        assertEquals(List.of(), containersOfThisJvm());
    }

    @Test
    void warmContainerHasNoNetworkCarriesTheSessionLabelAndIsGoneAfterClose() {
        try (Deployment deployment = new DockerCliRuntime().deploy(FunctionArtifact.bundled(Abi.CLI))) {
            PipedContainer instance = (PipedContainer) deployment.start();
            for (int n = 0; n < 20; n++) {
                assertEquals(CatalogFunction.FIB.reference(n), instance.invoke(CatalogFunction.FIB, n));
            }
            String inspected = ShortCommand.require(Duration.ofSeconds(30), List.of("docker", "inspect", "--format",
                    "{{.HostConfig.NetworkMode}} {{index .Config.Labels \"dev.nebula.session\"}}", instance.name())).stdout().strip();
            assertTrue(inspected.matches("none \\S+"), inspected);
            instance.close();
        }
        assertEquals(List.of(), containersOfThisJvm());
    }

    @Test
    void callsOverTheTimeLimitAreStoppedAndTheirContainersRemoved() {
        try (Deployment deployment = new DockerCliRuntime(TINY_TIMEOUT).deploy(FunctionArtifact.bundled(Abi.CLI))) {
            assertThrows(InvocationTimeoutException.class, () -> deployment.coldInvoke(CatalogFunction.FIB_REC, 40, Phases.recording()));
            assertEquals(List.of(), containersOfThisJvm(), "the timed-out one-shot container is removed");
            FunctionInstance instance = deployment.start();
            assertThrows(InvocationTimeoutException.class, () -> instance.invoke(CatalogFunction.FIB_REC, 40));
            instance.close();
        }
        assertEquals(List.of(), containersOfThisJvm());
    }

    @Test
    void failedStartLeavesNoContainer() {
        // An ELF header and nothing behind it: deploy accepts it, the container's exec fails.
        byte[] broken = Arrays.copyOf(FunctionArtifact.bundled(Abi.CLI).bytes(), 64);
        FunctionArtifact truncated = new FunctionArtifact(Abi.CLI, "truncated-nebula", broken);
        try (Deployment deployment = new DockerCliRuntime().deploy(truncated)) {
            TrapException failure = assertThrows(TrapException.class, () -> deployment.coldInvoke(CatalogFunction.FIB, 10, Phases.recording()));
            assertTrue(failure.getMessage().contains("exited with code"), failure.getMessage());
        } finally {
            ShortCommand.run(Duration.ofSeconds(30), List.of("docker", "rmi", dev.nebula.runtime.docker.DockerRuntime.scratchImage(truncated)));
        }
        assertEquals(List.of(), containersOfThisJvm());
    }

    /** The names of this JVM's containers on the engine, running or not. */
    static List<String> containersOfThisJvm() {
        return ShortCommand.require(Duration.ofSeconds(30), List.of("docker", "ps", "--all", "--format", "{{.Names}}")).lines().stream()
                .filter(SessionNames::mine).toList();
    }
}
