package dev.nebula.bench;

import dev.nebula.measure.DensityAccount;
import dev.nebula.measure.DensityProfiler;
import dev.nebula.measure.MemoryProbes;
import dev.nebula.run.ForkFlags;
import dev.nebula.InvalidInputException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.ContainerFootprint;
import dev.nebula.runtime.ContainerFootprint.LiveContainer;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.Runtimes;
import dev.nebula.runtime.FunctionInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Density: how much memory a live instance holds, how many fit in a GiB, and how long the K-th instance takes to
 * start while K − 1 are live.
 *
 * <p>Setup deploys, reads memory, starts K − 1 instances, checks that every one of them answers the Java reference,
 * and reads memory again; the difference over K − 1 is the cost per instance ({@link DensityAccount}: heap retained
 * after GC in the JVM, RSS for wasmtime, PSS per server process, cgroup + shim PSS per container,
 * + dockerd growth where dockerd runs them), which
 * {@link DensityProfiler} puts into the results. Each measured shot then starts the K-th instance; its answer is
 * checked and it is closed after the shot, outside the measurement.
 *
 * <p>K is {@code instances}: a number, or {@code low} / {@code high}, which mean 100 / 1000 instances in the JVM,
 * 10 / 100 processes and 5 / 20 containers: a host holds thousands of in-JVM instances, but 1000 containers would
 * take this 2-core machine minutes and gigabytes. {@code fn} and {@code n} only choose the checking call.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
// A larger heap than the other benchmarks': 1,000 live Chicory instances hold ~1.3 GB of linear memory.
@Fork(value = 3, jvmArgs = {ForkFlags.DENSITY_HEAP_MIN, ForkFlags.DENSITY_HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.GC, ForkFlags.NATIVE_ACCESS})
public class Density {
    public static final String INCLUDE = "\\." + Density.class.getSimpleName() + "\\.";

    /** The {@code instances} labels: a few and many live instances, per runtime kind (see the class). */
    public static final String LOW = "low";
    public static final String HIGH = "high";

    /** K − 1 live instances of one deployment, and the K-th started by each shot. */
    @State(Scope.Thread)
    public static class LiveInstances extends CaseParams {
        @Param({"fib"})
        public String fn;

        @Param({"S"})
        public String n;

        /** K: a whole number of at least 2, or {@code low} / {@code high} (per runtime kind, see the class). */
        @Param({LOW, HIGH})
        public String instances;

        Case target;
        Deployment deployment;
        CatalogFunction function;
        long input;
        final List<FunctionInstance> live = new ArrayList<>();
        FunctionInstance kth;

        @Setup(Level.Trial)
        public void startKMinusOne() {
            target = resolve(fn, n);
            function = target.function();
            input = target.n();
            Footprint footprint = Runtimes.descriptor(runtime).footprint();
            int k = count(instances, footprint);
            deployment = target.deploy();
            MemoryReading before = MemoryReading.take(footprint, deployment, List.of(), 0);
            for (int i = 1; i < k; i++) {
                FunctionInstance instance = deployment.start();
                live.add(instance);
                target.verify(instance.invoke(function, input), "live instance " + i + " of " + (k - 1));
            }
            DensityProfiler.record(MemoryReading.take(footprint, deployment, before.containers(), live.size()).since(before, live.size()));
        }

        @TearDown(Level.Iteration)
        public void checkAndCloseKth() {
            if (kth != null) {
                try (FunctionInstance started = kth) {
                    target.verify(started.invoke(function, input), "the K-th instance");
                } finally {
                    kth = null;
                }
            }
        }

        @TearDown(Level.Trial)
        public void closeAll() {
            try (Deployment deployed = deployment) {
                live.forEach(FunctionInstance::close);
                live.clear();
            }
        }
    }

    /** The K-th start: a fresh instance while K − 1 are live (closed after the shot). */
    @Benchmark
    public FunctionInstance startKth(LiveInstances state) {
        return state.kth = state.deployment.start();
    }

    /** K for an {@code instances} parameter: a number of at least 2, or the label's count for this footprint. */
    static int count(String instances, Footprint footprint) {
        String value = instances.strip();
        boolean high = value.equals(HIGH);
        if (high || value.equals(LOW)) {
            return switch (footprint) {
                case HEAP, NATIVE -> high ? 1000 : 100;
                case PROCESSES -> high ? 100 : 10;
                case CONTAINERS -> high ? 20 : 5;
            };
        }
        try {
            int k = Integer.parseInt(value);
            if (k >= 2) {
                return k;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the message
        }
        throw new InvalidInputException("instances='" + instances + "' is not valid; valid: a whole number of at least 2"
                + " (K: K - 1 live instances and the K-th started), or low or high");
    }

    /**
     * The readings behind a {@link DensityAccount}, before and after starting K − 1 instances. Containers are those
     * the deployment tells ({@link ContainerFootprint}), else this JVM's in Docker, with dockerd's growth.
     */
    private record MemoryReading(Footprint footprint, long heap, long rss, Set<Long> children,
                                 List<LiveContainer> containers, long dockerdRss) {

        /** @param started how many containers beyond {@code listedBefore} this reading must find (read through Docker) */
        static MemoryReading take(Footprint footprint, Deployment deployment, List<LiveContainer> listedBefore, int started) {
            long self = ProcessHandle.current().pid();
            Set<Long> children = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
            List<LiveContainer> containers = List.of();
            long dockerdRss = 0;
            if (footprint == Footprint.CONTAINERS) {
                if (deployment instanceof ContainerFootprint told) {
                    containers = told.liveContainers();
                } else {
                    containers = DockerListedContainers.awaitStarted(DockerListedContainers::ofThisJvm,
                            DockerListedContainers::cgroupVisible, listedBefore, started, DockerListedContainers.LIMIT);
                    dockerdRss = MemoryProbes.dockerd().map(MemoryProbes::rssBytes).orElse(0L);
                }
            }
            return new MemoryReading(footprint, MemoryProbes.heapUsedAfterGc(), MemoryProbes.rssBytes(self), children,
                    containers, dockerdRss);
        }

        DensityAccount since(MemoryReading before, int live) {
            return switch (footprint) {
                case HEAP, NATIVE -> DensityAccount.inJvm(footprint, live, before.heap, heap, before.rss, rss);
                case PROCESSES -> DensityAccount.processes(live, children.stream().filter(pid -> !before.children.contains(pid))
                        .map(MemoryProbes::pssBytes).toList());
                case CONTAINERS -> {
                    List<LiveContainer> started = containers.stream().filter(c -> !before.containers.contains(c)).toList();
                    List<Long> cgroups = started.stream().map(c -> MemoryProbes.cgroupMemoryBytes(c.cgroupsPath()))
                            .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).toList();
                    int shimmed = (int) started.stream().filter(c -> c.shimTask().isPresent()).count();
                    List<Long> shims = started.stream().flatMap(c -> c.shimTask().stream())
                            .map(MemoryProbes::shimOf).flatMap(Optional::stream).toList();
                    yield DensityAccount.containers(live, cgroups, shimmed, shims.stream().map(MemoryProbes::pssBytes).toList(),
                            shims.stream().map(MemoryProbes::rssBytes).toList(), before.dockerdRss, dockerdRss);
                }
            };
        }
    }
}
