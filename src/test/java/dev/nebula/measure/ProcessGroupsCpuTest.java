package dev.nebula.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process groups' CPU: /proc/<pid>/stat, cgroup counters, a shim's share net of its container, this JVM's children. */
class ProcessGroupsCpuTest {

    @Test
    void readsTheTimesAfterANameWithSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        ProcessTimes times = ProcessTimes.parse("4242 (a (b) c) S 17 4242 4242 0 -1 4194560 100 0 0 0 7 3 20 5 20 0 1 0\n");
        assertEquals("a (b) c", times.command());
        assertEquals(17, times.parent());
        assertEquals(10, times.ownTicks());
        assertEquals(25, times.exitedChildrenTicks());
        assertEquals(35 * ProcStat.NANOS_PER_TICK, times.totalNanos());
        assertThrows(NebulaException.class, () -> ProcessTimes.parse("4242 comm S 1"));
    }

    @Test
    void readsThisProcess() {
        ProcessTimes self = ProcessTimes.of(ProcessHandle.current().pid()).orElseThrow();
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), self.parent());
        assertTrue(ProcessTimes.of(Long.MAX_VALUE).isEmpty());
    }

    @Test
    void aChildsCpuReachesThisJvmWhenItIsWaitedFor() throws Exception {
        long before = ProcessCpuClock.exitedChildrenNanos();
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done").start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        long childNanos = ProcessCpuClock.exitedChildrenNanos() - before;
        assertTrue(childNanos > 20_000_000, "a 200 000-step shell loop took " + childNanos + " ns of CPU");
    }

    @Test
    void aCgroupsCpuIsReadFromV1CpuacctOrV2CpuStat(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("cpuacct/docker/abc"));
        Files.writeString(root.resolve("cpuacct/docker/abc/cpuacct.usage"), "123456789\n");
        Files.createDirectories(root.resolve("system.slice/docker-def.scope"));
        Files.writeString(root.resolve("system.slice/docker-def.scope/cpu.stat"), "usage_usec 4200\nuser_usec 4000\n");
        assertEquals(OptionalLong.of(123_456_789), ContainerTasks.usageNanos(root, "/docker/abc"));
        assertEquals(OptionalLong.of(4_200_000), ContainerTasks.usageNanos(root, "system.slice:docker:def"));
        assertTrue(ContainerTasks.usageNanos(root, "/docker/gone").isEmpty());
        assertEquals("/docker/abc", ContainerTasks.cgroupsPath("{\"linux\":{\"cgroupsPath\": \"/docker/abc\",\"x\":1}}"));
    }

    @Test
    void aShimCountsItsOwnWorkAndItsChildrenButNotItsContainerOnceReaped() {
        ProcessGroupsCpu.ShimLedger ledger = new ProcessGroupsCpu.ShimLedger();
        // running: the shim has spent 30 ms with runc create/start; the container 5 ms so far
        ledger.container("c1", OptionalLong.of(5_000_000));
        ledger.shim("c1", 100, 30_000_000, false);
        assertEquals(5_000_000, ledger.containersNanos());
        assertEquals(30_000_000, ledger.shimsNanos());
        // the container exited at 12 ms; the shim reaped it (its cutime grew by those 12 ms) and ran runc delete (8 ms)
        ledger.container("c1", OptionalLong.of(12_000_000));
        ledger.shim("c1", 100, 50_000_000, true);
        assertEquals(12_000_000, ledger.containersNanos());
        assertEquals(38_000_000, ledger.shimsNanos());
        // both gone: their last readings stay, so a running total never drops
        ledger.container("c1", OptionalLong.empty());
        assertEquals(12_000_000, ledger.containersNanos());
        assertEquals(38_000_000, ledger.shimsNanos());
    }

    @Test
    void aShimReadingFromBeforeTheReapKeepsItsContainer() {
        ProcessGroupsCpu.ShimLedger ledger = new ProcessGroupsCpu.ShimLedger();
        ledger.container("c1", OptionalLong.of(12_000_000));
        ledger.shim("c1", 100, 30_000_000, false); // the shim vanished before a reading after the reap
        assertEquals(30_000_000, ledger.shimsNanos());
    }

    @Test
    void aDaemonCountsFromWhenItWasFirstSeenNotItsWholeLife() {
        ProcessGroupsCpu.DaemonLedger daemons = new ProcessGroupsCpu.DaemonLedger();
        daemons.reading(10, 75_000_000_000L); // dockerd, 75 s before this JVM's first container
        daemons.reading(11, 53_000_000_000L); // containerd
        daemons.reading(10, 75_200_000_000L);
        assertEquals(200_000_000, daemons.nanosSinceFirstSeen());
        // another engine's containerd, 40 s old, appears mid-iteration: its past is not ours
        daemons.reading(99, 40_000_000_000L);
        daemons.reading(99, 40_030_000_000L);
        daemons.reading(11, 53_100_000_000L);
        assertEquals(330_000_000, daemons.nanosSinceFirstSeen());
        // containerd gone: its last reading stays, so the total never drops
        daemons.reading(10, 75_250_000_000L);
        assertEquals(380_000_000, daemons.nanosSinceFirstSeen());
    }

    @Test
    void onlyThisJvmsContainersAreItsOwn() {
        long pid = 4242;
        assertTrue(ContainerTasks.madeBy(pid, new ContainerTasks.Task("k", "nebula", "nebula-4242-7", 1, "/nebula/x")));
        assertTrue(ContainerTasks.madeBy(pid, new ContainerTasks.Task("k", "nebula", "x", 1, "/nebula-4242/x")));
        assertFalse(ContainerTasks.madeBy(pid, new ContainerTasks.Task("k", "nebula", "nebula-42421-7", 1, "/nebula/x")));
        assertFalse(ContainerTasks.madeBy(pid, new ContainerTasks.Task("k", "other", "x", 1, "/other/x")));
        assertFalse(ContainerTasks.madeBy(pid, new ContainerTasks.Task("k", "moby", "no-such-container", 1, "/docker/x")));
    }
}
