package dev.nebula.runtime.oci;

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
import dev.nebula.runtime.runc.RuncRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the OCI rungs promise beyond the shared matrix: phases, a time limit that deletes the container, and nothing
 * left (container, cgroup, bundle) after a close, a timeout or a failed start. Shown on runc, which runs wherever
 * there is root; crun shares every line of it (see CrunRuntimeTest).
 */
@Tag(Need.ROOT)
@Tag(Need.NATIVE)
class OciRuntimeTest {
    /** fib-rec 40 computes for about 0.3 s natively, three times this limit; a warm fib 10 takes microseconds. */
    private static final Duration TINY_TIMEOUT = Duration.ofMillis(100);

    @Test
    void coldStartRecordsItsPhasesInOrderAndLeavesNothing() {
        RuncRuntime runtime = new RuncRuntime();
        Path bundleDir;
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.CLI))) {
            Phases phases = Phases.recording();
            assertEquals(CatalogFunction.PRIME.reference(1000), deployment.coldInvoke(CatalogFunction.PRIME, 1000, phases));
            assertEquals(List.of(OciDeployment.BUNDLE, ColdPhases.START, ColdPhases.COMPUTE, ColdPhases.EXIT, ColdPhases.REMOVE),
                    PhaseAssertions.assertInOrder(phases));
            OciLeftovers.assertNoneOfThisJvm(runtime);
            bundleDir = bundleOf(deployment);
            assertEquals(List.of(), requests(bundleDir), "a cold request leaves no bundle directory");
        }
        assertTrue(Files.notExists(bundleDir), "close deletes the bundle");
    }

    @Test
    void warmContainerServesManyRequestsHasItsOwnNetworkAndIsGoneAfterClose() throws Exception {
        RuncRuntime runtime = new RuncRuntime();
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.CLI))) {
            PipedContainer instance = (PipedContainer) deployment.start();
            for (int n = 0; n < 20; n++) {
                assertEquals(CatalogFunction.FIB.reference(n), instance.invoke(CatalogFunction.FIB, n));
            }
            assertTrue(runtime.cli().containers().contains(instance.name()), "the warm container runs under Nebula's state root");
            String state = ShortCommand.require(Duration.ofSeconds(30), runtime.cli().command("state", instance.name())).stdout();
            long pid = Long.parseLong(state.replaceAll("(?s).*\"pid\":\\s*(\\d+).*", "$1"));
            assertTrue(!Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net"))
                    .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net"))), "the container has a network namespace of its own");
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            assertTrue(status.contains("NoNewPrivs:\t1"), status);
            instance.close();
        }
        OciLeftovers.assertNoneOfThisJvm(runtime);
    }

    @Test
    void coldRunOverTheTimeLimitIsStoppedAndLeavesNothing() {
        RuncRuntime runtime = new RuncRuntime(TINY_TIMEOUT);
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.CLI))) {
            assertThrows(InvocationTimeoutException.class, () -> deployment.coldInvoke(CatalogFunction.FIB_REC, 40, Phases.recording()));
            OciLeftovers.assertNoneOfThisJvm(runtime);
            assertEquals(CatalogFunction.FIB.reference(10), deployment.coldInvoke(CatalogFunction.FIB, 10, Phases.IGNORED), "still usable");
        }
    }

    @Test
    void warmCallOverTheTimeLimitKillsItsContainer() {
        RuncRuntime runtime = new RuncRuntime(TINY_TIMEOUT);
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.CLI))) {
            FunctionInstance instance = deployment.start();
            assertEquals(CatalogFunction.FIB.reference(10), instance.invoke(CatalogFunction.FIB, 10));
            assertThrows(InvocationTimeoutException.class, () -> instance.invoke(CatalogFunction.FIB_REC, 40));
            instance.close();
        }
        OciLeftovers.assertNoneOfThisJvm(runtime);
    }

    @Test
    void failedStartLeavesNothing() {
        RuncRuntime runtime = new RuncRuntime();
        // An ELF header and nothing behind it: deploy accepts it, the kernel refuses to exec it inside the container.
        byte[] broken = Arrays.copyOf(FunctionArtifact.bundled(Abi.CLI).bytes(), 64);
        try (Deployment deployment = runtime.deploy(new FunctionArtifact(Abi.CLI, "truncated-nebula", broken))) {
            TrapException failure = assertThrows(TrapException.class, () -> deployment.coldInvoke(CatalogFunction.FIB, 10, Phases.recording()));
            assertTrue(failure.getMessage().contains("exited with code"), failure.getMessage());
            OciLeftovers.assertNoneOfThisJvm(runtime);
            assertThrows(TrapException.class, deployment::start, "a warm container that never serves fails its start");
            OciLeftovers.assertNoneOfThisJvm(runtime);
            assertEquals(List.of(), requests(bundleOf(deployment)));
        }
    }

    private static Path bundleOf(Deployment deployment) {
        return ((OciDeployment) deployment).bundleDirectory();
    }

    private static List<Path> requests(Path bundle) {
        try (Stream<Path> entries = Files.list(bundle.resolve("requests"))) {
            return entries.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
