package dev.nebula.measure;

import dev.nebula.NebulaException;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What K − 1 live instances cost in memory, per instance, and how many fit in a GiB: the arithmetic of
 * {@code Density}, kept apart from the readings so that it can be checked by itself.
 *
 * @param live the instances held alive while the figures were read (K − 1)
 * @param perInstanceBytes the headline: bytes one more live instance holds (see {@link Footprint})
 * @param parts the figures it is made of, and the other one read, as metric label to bytes per instance
 */
public record DensityAccount(int live, double perInstanceBytes, Map<String, Double> parts) {
    public static final String PER_INSTANCE = "memory.perInstance";
    public static final String INSTANCES_PER_GIB = "memory.instancesPerGiB";
    public static final String LIVE = "memory.liveInstances";
    public static final String HEAP = "memory.heapPerInstance";
    public static final String RSS = "memory.rssPerInstance";
    public static final String PSS = "memory.pssPerInstance";
    public static final String CGROUP = "memory.cgroupPerInstance";
    public static final String SHIM = "memory.shimPssPerInstance";
    public static final String SHIM_RSS = "memory.shimRssPerInstance";
    public static final String DOCKERD = "memory.dockerdRssPerInstance";
    static final double GIB = 1L << 30;

    public DensityAccount {
        if (live < 1) {
            throw new NebulaException("a density figure needs at least one live instance, not " + live);
        }
        parts = Map.copyOf(parts);
    }

    /** Instances of an in-JVM runtime: heap retained after GC, and the process's RSS growth, over {@code live}. */
    public static DensityAccount inJvm(Footprint footprint, int live, long heapBefore, long heapAfter, long rssBefore, long rssAfter) {
        double heap = (double) (heapAfter - heapBefore) / live;
        double rss = (double) (rssAfter - rssBefore) / live;
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put(HEAP, heap);
        parts.put(RSS, rss);
        return new DensityAccount(live, footprint == Footprint.NATIVE ? rss : heap, parts);
    }

    /** One process per instance: the sum of their PSS; every live instance must have been read. */
    public static DensityAccount processes(int live, List<Long> pssBytes) {
        requireEveryInstance(live, pssBytes, "server processes");
        double pss = (double) sum(pssBytes) / live;
        return new DensityAccount(live, pss, Map.of(PSS, pss));
    }

    /**
     * One container per instance: cgroup memory + shim PSS of each, plus dockerd's RSS growth, over {@code live}.
     * {@code shimmed} is how many of them a shim supervises: {@code live} under containerd, 0 under runc or crun alone.
     */
    public static DensityAccount containers(int live, List<Long> cgroupBytes, int shimmed, List<Long> shimPssBytes,
                                            List<Long> shimRssBytes, long dockerdBefore, long dockerdAfter) {
        requireEveryInstance(live, cgroupBytes, "container cgroups");
        if (shimmed != 0 && shimmed != live) {
            throw new NebulaException(shimmed + " of " + live + " live instances have a shim; valid: all of them or none");
        }
        requireEvery(shimmed, shimPssBytes, "containerd shims", live);
        requireEvery(shimmed, shimRssBytes, "containerd shims", live);
        double cgroup = (double) sum(cgroupBytes) / live;
        double shim = (double) sum(shimPssBytes) / live;
        double dockerd = (double) (dockerdAfter - dockerdBefore) / live;
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put(CGROUP, cgroup);
        parts.put(SHIM, shim);
        parts.put(DOCKERD, dockerd);
        parts.put(SHIM_RSS, (double) sum(shimRssBytes) / live);
        return new DensityAccount(live, cgroup + shim + dockerd, parts);
    }

    /** How many instances one GiB holds at this cost; infinite for a cost of nothing or less (noise at GC). */
    public double instancesPerGib() {
        return perInstanceBytes > 0 ? GIB / perInstanceBytes : Double.POSITIVE_INFINITY;
    }

    private static void requireEveryInstance(int live, List<Long> readings, String what) {
        requireEvery(live, readings, what, live);
    }

    private static void requireEvery(int expected, List<Long> readings, String what, int live) {
        if (readings.size() != expected) {
            throw new NebulaException("found " + readings.size() + " " + what + " for " + live
                    + " live instances; refusing a per-instance figure that does not count every instance");
        }
    }

    private static long sum(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum();
    }
}
