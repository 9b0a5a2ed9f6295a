package dev.nebula.runtime.containerd;

import dev.nebula.NebulaException;
import dev.nebula.runtime.oci.SessionNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * containerd's own timestamps of what it did for each of this JVM's containers, from one long-running
 * {@code ctr events} per deployment: when the snapshot was prepared, the container and the task created, the task's
 * exit seen. They are CLOCK_REALTIME, like the binary's own timestamps, so the phases can be cut at them. The
 * subscriber carries {@value #OWNER_ENV} in its environment, so that a killed JVM's subscriber is found and ended.
 */
final class TaskEvents implements AutoCloseable {
    /** Environment variable naming the JVM that started a subscriber. */
    static final String OWNER_ENV = "NEBULA_OWNER_PID";
    static final String SNAPSHOT_PREPARE = "/snapshot/prepare";
    static final String CONTAINER_CREATE = "/containers/create";
    static final String TASK_CREATE = "/tasks/create";
    static final String TASK_START = "/tasks/start";
    static final String TASK_EXIT = "/tasks/exit";
    private static final String NAMESPACE_UPDATE = "/namespaces/update";
    private static final String READY_LABEL = "dev.nebula.events";
    private static final long READY_WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final Pattern LINE = Pattern.compile("^(\\S+) (\\S+) ([+-]\\d{4}) \\S+ (\\S+) (\\S+) (.*)$");
    private static final Pattern SUBJECT = Pattern.compile("\"(?:container_id|key|id|name)\":\"([^\"]+)\"");

    private final Ctr ctr;
    private final Process subscriber;
    private final Map<String, Map<String, Long>> seen = new ConcurrentHashMap<>();

    private TaskEvents(Ctr ctr, Process subscriber) {
        this.ctr = ctr;
        this.subscriber = subscriber;
        Thread.ofPlatform().daemon().name("nebula-containerd-events").start(this::read);
    }

    /** Subscribes to the namespace's events, and returns once containerd delivers them (a probe event is seen). */
    static TaskEvents subscribe(Ctr ctr) {
        ProcessBuilder builder = new ProcessBuilder("ctr", "--address", ctr.address(), "events",
                "namespace==" + ctr.namespace(), "topic==\"" + NAMESPACE_UPDATE + "\"")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(OWNER_ENV, Long.toString(ProcessHandle.current().pid()));
        TaskEvents events;
        try {
            events = new TaskEvents(ctr, builder.start());
        } catch (IOException e) {
            throw new NebulaException("cannot subscribe to containerd's events with ctr: " + e.getMessage(), e);
        }
        try {
            events.awaitReady();
            return events;
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
    }

    /** Labels the namespace until the subscriber reports the update: only then is a request's every event seen. */
    private void awaitReady() {
        String probe = SessionNames.SESSION + "events";
        long begun = System.nanoTime();
        try {
            while (System.nanoTime() - begun < READY_WAIT_NANOS) {
                ctr.run("namespaces", "label", ctr.namespace(), READY_LABEL + "=" + probe);
                if (await(ctr.namespace(), NAMESPACE_UPDATE, 500) != null) {
                    return;
                }
                if (!subscriber.isAlive()) {
                    break;
                }
            }
        } finally {
            ctr.run("namespaces", "label", ctr.namespace(), READY_LABEL + "=");
            seen.remove(ctr.namespace());
        }
        throw new NebulaException("containerd's event stream (ctr events) delivered nothing within "
                + TimeUnit.NANOSECONDS.toSeconds(READY_WAIT_NANOS) + " s; is containerd at " + ctr.address() + " overloaded?");
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(subscriber.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                record(line);
            }
        } catch (IOException e) {
            // The subscriber was stopped.
        }
    }

    private void record(String line) {
        Matcher event = LINE.matcher(line);
        if (!event.matches()) {
            return;
        }
        Matcher subject = SUBJECT.matcher(event.group(6));
        if (!subject.find()) {
            return;
        }
        String name = subject.group(1);
        if (!SessionNames.mine(name) && !name.equals(ctr.namespace())) {
            return;
        }
        Instant at = LocalDateTime.parse(event.group(1) + "T" + event.group(2)).toInstant(ZoneOffset.of(event.group(3)));
        seen.computeIfAbsent(name, key -> new ConcurrentHashMap<>()).putIfAbsent(event.group(5), at.getEpochSecond() * 1_000_000_000L + at.getNano());
        synchronized (this) {
            notifyAll();
        }
    }

    /** When containerd published {@code topic} for {@code name} (epoch ns), waiting up to {@code millis}; null if not seen. */
    synchronized Long await(String name, String topic, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            Long at = seen.getOrDefault(name, Map.of()).get(topic);
            long left = deadline - System.nanoTime();
            if (at != null || left <= 0) {
                return at;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** The events seen for {@code name}, by topic (epoch ns); forgets them. */
    Map<String, Long> take(String name) {
        Map<String, Long> events = seen.remove(name);
        return events == null ? Map.of() : events;
    }


    @Override
    public void close() {
        subscriber.destroyForcibly();
    }
}
