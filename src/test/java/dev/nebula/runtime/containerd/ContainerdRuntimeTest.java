package dev.nebula.runtime.containerd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import dev.nebula.runtime.oci.CgroupTree;
import dev.nebula.runtime.oci.PipedContainer;
import dev.nebula.runtime.oci.SessionNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the containerd rung promises beyond the shared matrix: phases, isolation, time limits, nothing left. */
@Tag(Need.DOCKER)
@Tag(Need.ROOT)
@Tag(Need.NATIVE)
class ContainerdRuntimeTest {
    /** fib-rec 40 computes for about 0.3 s natively; a ctr run takes longer than this on its own. */
    private static final Duration TINY_TIMEOUT = Duration.ofMillis(100);
    private static final Ctr CTR = new Ctr(ContainerdRuntime.ADDRESS, ContainerdRuntime.NAMESPACE);

    @Test
    void coldStartRecordsItsSixPhasesInOrderAndLeavesNothing() {
        try (Deployment deployment = new ContainerdRuntime().deploy(FunctionArtifact.bundled(Abi.CLI))) {
            Phases phases = Phases.recording();
            assertEquals(CatalogFunction.PRIME.reference(1000), deployment.coldInvoke(CatalogFunction.PRIME, 1000, phases));
            assertEquals(List.of(ContainerdDeployment.CLIENT, ColdPhases.CREATE, ContainerdDeployment.TASK, ColdPhases.START,
                    ColdPhases.EXIT, ColdPhases.REMOVE), PhaseAssertions.assertInOrder(phases));
            // ctr's start and the shim's are never free: zero would mean their events were missed.
            assertTrue(phases.nanos(0) > 0 && phases.nanos(2) > 0, "client and task phases were cut at containerd's events: " + phases);
        }
        assertNothingOfThisJvmLeft();
    }

    @Test
    void manyColdRequestsInARowEachGiveTheAnswer() {
        // ctr cancels its relay of the output when it deletes the task: under load, relayed answers went missing.
        try (Deployment deployment = new ContainerdRuntime().deploy(FunctionArtifact.bundled(Abi.CLI))) {
            for (int i = 0; i < 25; i++) {
                assertEquals(CatalogFunction.FIB.reference(3500), deployment.coldInvoke(CatalogFunction.FIB, 3500, Phases.recording()), "request " + i);
            }
        }
        assertNothingOfThisJvmLeft();
    }

    @Test
    void warmTaskHasItsOwnNetworkNoNewPrivilegesAndIsGoneAfterClose() throws Exception {
        try (Deployment deployment = new ContainerdRuntime().deploy(FunctionArtifact.bundled(Abi.CLI))) {
            PipedContainer instance = (PipedContainer) deployment.start();
            for (int n = 0; n < 20; n++) {
                assertEquals(CatalogFunction.FIB.reference(n), instance.invoke(CatalogFunction.FIB, n));
            }
            String pid = CTR.lines("tasks", "list").stream().filter(line -> line.startsWith(instance.name() + " "))
                    .map(line -> line.split("\\s+")[1]).findFirst().orElseThrow();
            assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")), Files.readSymbolicLink(Path.of("/proc", pid, "ns", "net")));
            assertTrue(Files.readString(Path.of("/proc", pid, "status")).contains("NoNewPrivs:\t1"));
            Path pids = CgroupTree.mode() == CgroupTree.Mode.UNIFIED ? Path.of("/sys/fs/cgroup") : Path.of("/sys/fs/cgroup/pids");
            assertEquals("16", Files.readString(pids.resolve(ContainerdDeployment.CGROUP_PARENT).resolve(instance.name()).resolve("pids.max")).strip());
            instance.close();
        }
        assertNothingOfThisJvmLeft();
    }

    @Test
    void callsOverTheTimeLimitAreStoppedAndLeaveNothing() {
        try (Deployment deployment = new ContainerdRuntime(TINY_TIMEOUT).deploy(FunctionArtifact.bundled(Abi.CLI))) {
            assertThrows(InvocationTimeoutException.class, () -> deployment.coldInvoke(CatalogFunction.FIB_REC, 40, Phases.recording()));
            assertNothingOfThisJvmLeft();
            FunctionInstance instance = deployment.start();
            assertThrows(InvocationTimeoutException.class, () -> instance.invoke(CatalogFunction.FIB_REC, 40));
            instance.close();
        }
        assertNothingOfThisJvmLeft();
    }

    @Test
    void failedStartLeavesNothing() {
        byte[] broken = Arrays.copyOf(FunctionArtifact.bundled(Abi.CLI).bytes(), 64);
        FunctionArtifact truncated = new FunctionArtifact(Abi.CLI, "truncated-nebula", broken);
        try (Deployment deployment = new ContainerdRuntime().deploy(truncated)) {
            TrapException failure = assertThrows(TrapException.class, () -> deployment.coldInvoke(CatalogFunction.FIB, 10, Phases.recording()));
            assertTrue(failure.getMessage().contains("exited with code"), failure.getMessage());
            assertThrows(TrapException.class, deployment::start, "a warm task that never serves fails its start");
        } finally {
            String image = dev.nebula.runtime.docker.DockerRuntime.scratchImage(truncated);
            CTR.run("images", "remove", "--sync", "docker.io/library/" + image);
            dev.nebula.runtime.oci.ShortCommand.run(Duration.ofSeconds(30), List.of("docker", "rmi", image));
        }
        assertNothingOfThisJvmLeft();
    }

    /** No task, container, active snapshot, FIFO directory or cgroup leaf named for this JVM. */
    static void assertNothingOfThisJvmLeft() {
        assertEquals(List.of(), CTR.lines("tasks", "list", "--quiet").stream().filter(SessionNames::mine).toList(), "tasks");
        assertEquals(List.of(), CTR.lines("containers", "list", "--quiet").stream().filter(SessionNames::mine).toList(), "containers");
        assertEquals(List.of(), CTR.lines("snapshots", "list").stream().map(line -> line.split("\\s+")[0]).filter(SessionNames::mine).toList(), "snapshots");
        assertEquals(List.of(), CgroupTree.leaves(ContainerdDeployment.CGROUP_PARENT).stream()
                .filter(leaf -> SessionNames.mine(leaf.getFileName().toString())).toList(), "cgroups");
        try (Stream<Path> fifos = Files.isDirectory(ContainerdJanitor.FIFO_ROOT) ? Files.walk(ContainerdJanitor.FIFO_ROOT) : Stream.empty()) {
            assertEquals(List.of(), fifos.filter(file -> file.getFileName().toString().startsWith(SessionNames.SESSION)).toList(), "FIFOs");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
