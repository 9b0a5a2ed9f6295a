package dev.nebula.runtime.docker;

import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leaves no container behind: every Nebula container is labelled with the JVM that made it; a shutdown hook removes
 * this JVM's containers when it exits, and the containers of JVMs that died before their hook ran are swept at the
 * next deploy.
 */
final class ContainerJanitor {
    /** The label every Nebula container carries; its value names the JVM that made it. */
    static final String SESSION_LABEL = "dev.nebula.session";
    static final String PID_LABEL = "dev.nebula.pid";
    static final String SESSION = UUID.randomUUID().toString();

    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);
    /** The engines this JVM made containers on: the shutdown hook's list. */
    private static final Set<DockerEngine> ENGINES_USED = ConcurrentHashMap.newKeySet();
    private static final Set<DockerEngine> ENGINES_SWEPT = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_REGISTERED = new AtomicBoolean();

    private ContainerJanitor() {}

    /** The labels of a container this JVM makes on {@code engine}, whose containers are now removed at exit. */
    static Map<String, String> labelsFor(DockerEngine engine) {
        if (ENGINES_USED.add(engine) && HOOK_REGISTERED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ContainerJanitor::removeEverythingOnExit, "nebula-docker-cleanup"));
        }
        return Map.of(SESSION_LABEL, SESSION, PID_LABEL, Long.toString(ProcessHandle.current().pid()));
    }

    /**
     * Removes the containers left on {@code engine} by Nebula JVMs that are gone (killed before their shutdown hook
     * ran), once per engine and JVM. Returns how many it removed.
     */
    static int removeOrphans(DockerEngine engine) {
        if (!ENGINES_SWEPT.add(engine)) {
            return 0;
        }
        int removed = 0;
        for (Container container : engine.nebulaContainers()) {
            Map<String, String> labels = container.getLabels();
            if (!SESSION.equals(labels.get(SESSION_LABEL)) && !ownerAlive(labels.get(PID_LABEL))) {
                engine.remove(container.getId());
                removed++;
            }
        }
        return removed;
    }

    private static boolean ownerAlive(String pid) {
        try {
            return pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The shutdown hook: bounded, so that a stopped engine cannot keep the JVM from exiting. */
    private static void removeEverythingOnExit() {
        CompletableFuture<Void> cleanup = CompletableFuture.runAsync(() -> ENGINES_USED.forEach(ContainerJanitor::removeSessionContainers));
        try {
            cleanup.get(CLEANUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            System.err.println("nebula: container cleanup at exit did not finish: " + e);
        }
    }

    /**
     * Removes every container of this JVM on {@code engine}: those it remembers, and any other with this JVM's label.
     * At exit nothing is translated or thrown (the engine may be gone): a failure is one line on stderr.
     */
    private static void removeSessionContainers(DockerEngine engine) {
        Set<String> ids = new HashSet<>(engine.tracked());
        try {
            engine.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(SESSION_LABEL, SESSION)).exec()
                    .forEach(container -> ids.add(container.getId()));
        } catch (RuntimeException e) {
            System.err.println("nebula: could not list this JVM's containers at " + engine + ": " + DockerEngine.rootMessage(e));
        }
        for (String id : ids) {
            try {
                engine.forceRemove(id);
            } catch (RuntimeException e) {
                System.err.println("nebula: could not remove container " + DockerEngine.shortId(id) + " at exit: " + DockerEngine.rootMessage(e));
            }
        }
    }
}
