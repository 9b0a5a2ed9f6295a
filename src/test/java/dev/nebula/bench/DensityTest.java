package dev.nebula.bench;

import dev.nebula.measure.DensityAccount;
import dev.nebula.measure.DensityProfiler;
import dev.nebula.measure.MemoryProbes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import dev.nebula.NebulaException;
import dev.nebula.UnknownIdException;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.Runtimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;

/** Density's accounting: what is read for each kind of runtime, per instance, and what K means. */
class DensityTest {

    @Test
    void inTheJvmTheHeadlineIsRetainedHeapAndRssGrowthStandsBesideIt() {
        DensityAccount account = DensityAccount.inJvm(Footprint.HEAP, 999, 100_000_000, 1_358_000_000, 500_000_000, 2_000_000_000);
        assertEquals(1_258_000_000 / 999.0, account.perInstanceBytes(), 1e-6);
        assertEquals(1_500_000_000 / 999.0, account.parts().get(DensityAccount.RSS), 1e-6);
        assertEquals((1L << 30) / (1_258_000_000 / 999.0), account.instancesPerGib(), 1e-6);
    }

    @Test
    void nativeInstancesAreCountedByRssGrowth() {
        DensityAccount account = DensityAccount.inJvm(Footprint.NATIVE, 100, 1_000, 2_000, 10_000_000, 50_000_000);
        assertEquals(400_000, account.perInstanceBytes(), 1e-9);
    }

    @Test
    void aContainerCostsItsCgroupItsShimAndItsShareOfDockerdsGrowth() {
        DensityAccount account = DensityAccount.containers(2, List.of(1_000_000L, 3_000_000L), 2, List.of(3_000_000L, 3_000_000L),
                List.of(13_000_000L, 13_000_000L), 80_000_000, 84_000_000);
        // the shims' RSS is mostly the pages they share: it is reported, but their PSS is what is added up
        assertEquals(2_000_000 + 3_000_000 + 2_000_000, account.perInstanceBytes(), 1e-9);
        assertEquals(13_000_000, account.parts().get(DensityAccount.SHIM_RSS), 1e-9);
    }

    @Test
    void everyLiveInstanceMustBeAccountedFor() {
        NebulaException e = assertThrows(NebulaException.class,
                () -> DensityAccount.containers(3, List.of(1L, 2L), 3, List.of(1L, 2L, 3L), List.of(1L, 2L, 3L), 0, 0));
        assertTrue(e.getMessage().contains("found 2 container cgroups for 3 live instances"), e.getMessage());
        NebulaException lostShim = assertThrows(NebulaException.class,
                () -> DensityAccount.containers(2, List.of(1L, 2L), 2, List.of(1L), List.of(1L), 0, 0));
        assertTrue(lostShim.getMessage().contains("found 1 containerd shims for 2 live instances"), lostShim.getMessage());
        assertThrows(NebulaException.class, () -> DensityAccount.containers(2, List.of(1L, 2L), 1, List.of(1L), List.of(1L), 0, 0));
        assertThrows(NebulaException.class, () -> DensityAccount.processes(2, List.of(5L)));
        assertEquals(5, DensityAccount.processes(2, List.of(4L, 6L)).perInstanceBytes());
    }

    @Test
    void aContainerWithoutShimOrDockerdCostsItsCgroupAlone() {
        DensityAccount account = DensityAccount.containers(2, List.of(1_000_000L, 3_000_000L), 0, List.of(), List.of(), 0, 0);
        assertEquals(2_000_000, account.perInstanceBytes(), 1e-9);
        assertEquals(0, account.parts().get(DensityAccount.SHIM), 1e-9);
    }

    @Test
    void aCostTooSmallToSeeGetsNoInstancesPerGib() {
        DensityAccount nothing = DensityAccount.inJvm(Footprint.HEAP, 10, 1_000, 900, 0, 0);
        Map<String, Result> metrics = DensityProfiler.metrics(nothing).stream().collect(Collectors.toMap(Result::getLabel, r -> r));
        assertEquals(-10, metrics.get(DensityAccount.PER_INSTANCE).getScore());
        assertFalse(metrics.containsKey(DensityAccount.INSTANCES_PER_GIB));
        assertEquals("B", metrics.get(DensityAccount.PER_INSTANCE).getScoreUnit());
    }

    @Test
    void kIsANumberOrALabelThatDependsOnTheKindOfRuntime() {
        assertEquals(1000, Density.count("high", Footprint.HEAP));
        assertEquals(100, Density.count("low", Footprint.NATIVE));
        assertEquals(100, Density.count("high", Footprint.PROCESSES));
        assertEquals(20, Density.count("high", Footprint.CONTAINERS));
        assertEquals(7, Density.count(" 7 ", Footprint.CONTAINERS));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Density.count("1", Footprint.HEAP));
        assertTrue(e.getMessage().contains("at least 2") && e.getMessage().contains("low or high"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Density.count("many", Footprint.HEAP));
    }

    @Test
    void theFootprintIsTheRuntimesOwnAndAnUnknownRuntimeHasNone() {
        assertEquals(Footprint.CONTAINERS, Runtimes.descriptor("docker-debian").footprint());
        assertEquals(Footprint.PROCESSES, Runtimes.descriptor("process").footprint());
        assertEquals(Footprint.NATIVE, Runtimes.descriptor("wasmtime").footprint());
        assertEquals(Footprint.HEAP, Runtimes.descriptor("graalwasm").footprint());
        UnknownIdException e = assertThrows(UnknownIdException.class, () -> Runtimes.descriptor("wasmer"));
        assertTrue(e.getMessage().contains("wasmtime"), "the error lists the valid ids: " + e.getMessage());
    }

    @Test
    void readsProcFilesAndCgroups(@TempDir Path cgroup) throws IOException {
        assertEquals(1234, MemoryProbes.kibibytesField("Name:\tx\nVmRSS:\t    1234 kB\n", "VmRSS"));
        assertEquals(56, MemoryProbes.kibibytesField("00400000-7ff 0 [rollup]\nRss:  99 kB\nPss:   56 kB\n", "Pss"));
        assertThrows(NebulaException.class, () -> MemoryProbes.kibibytesField("Rss: 1 kB\n", "Pss"));
        assertTrue(MemoryProbes.rssBytes(ProcessHandle.current().pid()) > 0);

        Path v1 = Files.createDirectories(cgroup.resolve("memory/docker/abc"));
        Files.writeString(v1.resolve("memory.usage_in_bytes"), "4096\n");
        assertEquals("/docker/abc", MemoryProbes.dockerCgroupsPath(cgroup, "abc"));
        assertEquals(4096, MemoryProbes.cgroupMemoryBytes(cgroup, "/docker/abc").getAsLong());
        Path v2systemd = Files.createDirectories(cgroup.resolve("system.slice/docker-def.scope"));
        Files.writeString(v2systemd.resolve("memory.current"), "8192\n");
        assertEquals("system.slice:docker:def", MemoryProbes.dockerCgroupsPath(cgroup, "def"));
        assertEquals(8192, MemoryProbes.cgroupMemoryBytes(cgroup, "system.slice:docker:def").getAsLong());
        assertTrue(MemoryProbes.cgroupMemoryBytes(cgroup, "/docker/absent").isEmpty());
    }

    @Test
    void readsTheCgroupOfARungWithoutDockerWhereverTheMemoryControllerIs(@TempDir Path cgroup) throws IOException {
        // hybrid: memory on v1, and the v2 mount (hugetlb only) holds the same leaf without memory files
        Files.createDirectories(cgroup.resolve("unified/nebula-runc/nebula-42-0badcafe-1"));
        Path v1 = Files.createDirectories(cgroup.resolve("memory/nebula-runc/nebula-42-0badcafe-1"));
        Files.writeString(v1.resolve("memory.usage_in_bytes"), "1048576\n");
        assertEquals(1_048_576, MemoryProbes.cgroupMemoryBytes(cgroup, "/nebula-runc/nebula-42-0badcafe-1").getAsLong());
        // unified: memory.current at the root of the one hierarchy
        Path v2 = Files.createDirectories(cgroup.resolve("nebula-containerd/nebula-42-0badcafe-2"));
        Files.writeString(v2.resolve("memory.current"), "2097152\n");
        assertEquals(2_097_152, MemoryProbes.cgroupMemoryBytes(cgroup, "/nebula-containerd/nebula-42-0badcafe-2").getAsLong());
        // hybrid with memory handed to v2
        Path hybridV2 = Files.createDirectories(cgroup.resolve("unified/nebula-crun/nebula-42-0badcafe-3"));
        Files.writeString(hybridV2.resolve("memory.current"), "3145728\n");
        assertEquals(3_145_728, MemoryProbes.cgroupMemoryBytes(cgroup, "/nebula-crun/nebula-42-0badcafe-3").getAsLong());
        assertTrue(MemoryProbes.cgroupMemoryBytes(cgroup, "/nebula-runc/nebula-42-0badcafe-9").isEmpty());
    }
}
