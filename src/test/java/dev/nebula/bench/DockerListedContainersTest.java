package dev.nebula.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.NebulaException;
import dev.nebula.runtime.ContainerFootprint.LiveContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Density's reading through Docker waits, bounded, for every started container to be listed with its cgroup: the
 * docker CLI's containers can answer before dockerd lists them as running (the committed run's "found 3 container
 * cgroups for 4 live instances").
 */
class DockerListedContainersTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private static LiveContainer container(String id) {
        return new LiveContainer("/docker/" + id, Optional.of(id));
    }

    /** Answers each listing in turn, then the last one again. */
    private static Supplier<List<LiveContainer>> listings(List<List<LiveContainer>> answers, List<Integer> calls) {
        Iterator<List<LiveContainer>> next = answers.iterator();
        AtomicReference<List<LiveContainer>> last = new AtomicReference<>();
        return () -> {
            calls.add(calls.size());
            if (next.hasNext()) {
                last.set(next.next());
            }
            return last.get();
        };
    }

    @Test
    void aContainerListedLateIsWaitedFor() {
        List<LiveContainer> three = List.of(container("a"), container("b"), container("c"));
        List<LiveContainer> four = List.of(container("a"), container("b"), container("c"), container("d"));
        List<Integer> calls = new ArrayList<>();

        List<LiveContainer> listed = DockerListedContainers.awaitStarted(listings(List.of(three, three, four), calls), c -> true,
                List.of(), 4, LIMIT);

        assertEquals(four, listed);
        assertEquals(3, calls.size());
    }

    @Test
    void aContainerWhoseCgroupIsNotYetThereIsWaitedFor() {
        List<LiveContainer> two = List.of(container("a"), container("b"));
        Set<LiveContainer> seenOnce = new HashSet<>();
        List<Integer> calls = new ArrayList<>();
        // b's cgroup shows on the second look
        List<LiveContainer> listed = DockerListedContainers.awaitStarted(listings(List.of(two), calls),
                c -> c.equals(container("a")) || !seenOnce.add(c), List.of(), 2, LIMIT);
        assertEquals(two, listed);
        assertEquals(2, calls.size());
    }

    @Test
    void containersListedBeforeDoNotCountAsStarted() {
        LiveContainer older = container("older");
        List<LiveContainer> withOlder = List.of(older, container("a"));
        List<LiveContainer> both = List.of(older, container("a"), container("b"));
        List<Integer> calls = new ArrayList<>();

        assertEquals(both, DockerListedContainers.awaitStarted(listings(List.of(withOlder, both), calls), c -> true, List.of(older), 2, LIMIT));
        assertEquals(2, calls.size());
    }

    @Test
    void aContainerNeverListedFailsAfterTheLimitSayingWhatWasSeen() {
        List<LiveContainer> three = List.of(container("a"), container("b"), container("c"));
        long start = System.nanoTime();

        NebulaException e = assertThrows(NebulaException.class, () -> DockerListedContainers.awaitStarted(
                listings(List.of(three), new ArrayList<>()), c -> true, List.of(), 4, Duration.ofMillis(200)));

        assertTrue(e.getMessage().startsWith("Docker lists 3 of the 4 containers this JVM started"), e.getMessage());
        assertTrue(e.getMessage().contains("/docker/c"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 200, "it waited the limit");
    }
}
