package dev.nebula.bench;

import dev.nebula.NebulaException;
import dev.nebula.measure.MemoryProbes;
import dev.nebula.runtime.ContainerFootprint.LiveContainer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * This JVM's containers as Docker lists them, for a deployment that does not tell its own. A container started by
 * {@code docker run -i} can answer over its pipes before dockerd records it as running (the CLI attaches before it
 * asks for the start), and {@code docker ps} lists only running ones: so the listing is asked again, for a bounded
 * time, until every instance started is listed with a memory cgroup to read.
 */
final class DockerListedContainers {
    /** Far longer than dockerd takes to record a start, even on a loaded machine. */
    static final Duration LIMIT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 50;

    private DockerListedContainers() {}

    /** This JVM's containers that Docker lists now, each with its cgroup path. */
    static List<LiveContainer> ofThisJvm() {
        return MemoryProbes.containersOfThisJvm().stream()
                .map(id -> new LiveContainer(MemoryProbes.dockerCgroupsPath(id), Optional.of(id))).toList();
    }

    /** Whether a container's memory cgroup can be read. */
    static boolean cgroupVisible(LiveContainer container) {
        return MemoryProbes.cgroupMemoryBytes(container.cgroupsPath()).isPresent();
    }

    /**
     * The listing once at least {@code started} containers not in {@code before} are in it with a visible cgroup; fails
     * after {@code limit}, naming what it saw.
     */
    static List<LiveContainer> awaitStarted(Supplier<List<LiveContainer>> listing, Predicate<LiveContainer> cgroupVisible,
                                            List<LiveContainer> before, int started, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<LiveContainer> listed = listing.get();
            List<LiveContainer> visible = listed.stream().filter(c -> !before.contains(c)).filter(cgroupVisible).toList();
            if (visible.size() >= started) {
                return listed;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new NebulaException("Docker lists " + visible.size() + " of the " + started + " containers this JVM started"
                        + " with a memory cgroup, after waiting " + limit.toMillis() + " ms: "
                        + visible.stream().map(LiveContainer::cgroupsPath).toList() + "; each answered a request, so each should be running");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NebulaException("interrupted while waiting for Docker to list this JVM's containers", e);
            }
        }
    }
}
