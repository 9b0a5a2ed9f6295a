package dev.nebula.runtime.containerd;

import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.ContainerFootprint;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.OpenInstances;
import dev.nebula.runtime.OwnedTempDirectories;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.ColdPhases;
import dev.nebula.runtime.cli.Timestamps;
import dev.nebula.runtime.oci.CgroupTree;
import dev.nebula.runtime.oci.OneShotProcess;
import dev.nebula.runtime.oci.PipedContainer;
import dev.nebula.runtime.oci.SessionNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An image in containerd, ready for one {@code ctr run --rm} per cold request and a {@code ctr run} of
 * {@code nebula serve} per warm instance. Every container: read-only root file system, ctr's default new network
 * namespace (only {@code lo}), no new privileges (ctr's default), 256 MiB of memory (the largest valid image, n = 4096, peaks near 80 MiB), and a cgroup
 * {@code /nebula-containerd/<name>} made beforehand with 16 pids (ctr 1.6 has no pids flag; runc joins the cgroup
 * and keeps its limit). A cold request's phases, in order, adding up to the whole, cut at containerd's own event
 * timestamps ({@link TaskEvents}):
 * <ol>
 *   <li>{@link #CLIENT}: the pids cgroup made, ctr's process started, the image looked up and a lease taken, until
 *       containerd has prepared the container's snapshot: what the client costs before containerd works;</li>
 *   <li>{@link ColdPhases#CREATE}: until containerd has created the container record;</li>
 *   <li>{@link #TASK}: until the task is created: the shim started, {@code runc create} (namespaces, cgroup, mounts);</li>
 *   <li>{@link ColdPhases#START}: until the task is started ({@code runc start} returned);</li>
 *   <li>{@link ColdPhases#EXIT}: until containerd publishes the task's exit: the function ran (microseconds at S)
 *       and exited, and the shim reaped it;</li>
 *   <li>{@link ColdPhases#REMOVE}: the task, the container and its snapshot deleted by ctr, ctr exited, the shim's output log read.</li>
 * </ol>
 * The binary's own timestamps are not asked for here: the shim writes the container's stdout and stderr into one log
 * ({@code --log-uri}), where the unbuffered stderr line's pieces and the answer interleave.
 */
final class ContainerdDeployment implements Deployment, ContainerFootprint {
    /** Phase: ctr's own start and image lookup, until containerd prepares the snapshot. */
    static final String CLIENT = "client";
    /** Phase: the shim started and the task created by {@code runc create}. */
    static final String TASK = "task";
    /** The cgroup parent of every container: the pids leaf is made here before ctr runs. */
    static final String CGROUP_PARENT = "nebula-containerd";
    static final long MEMORY_LIMIT_BYTES = 256L << 20;
    static final int PIDS_LIMIT = 16;
    /** How long the events of a finished request may lag behind ctr's exit. */
    private static final long EVENT_LAG_MILLIS = 5_000;
    /** How long a killed container's processes may take to leave its cgroup. */
    private static final Duration KILLED_PATIENCE = Duration.ofSeconds(2);

    private final Ctr ctr;
    private final String image;
    private final String binary;
    private final TaskEvents events;
    private final Duration timeout;
    /** Where the shim writes each one-shot's output ({@code --log-uri}); swept with a killed JVM's temp directories. */
    private final Path logs;
    private final OpenInstances<PipedContainer> instances = new OpenInstances<>();

    ContainerdDeployment(Ctr ctr, String image, String binary, TaskEvents events, Duration timeout) {
        try {
            this.logs = OwnedTempDirectories.create(ContainerdRuntime.ID);
        } catch (IOException e) {
            events.close();
            throw new UncheckedIOException("cannot make a directory for containerd's output logs", e);
        }
        this.ctr = ctr;
        this.image = image;
        this.binary = binary;
        this.events = events;
        this.timeout = timeout;
    }

    /** {@code ctr run --rm} of the image as {@code name}, with the limits, then the binary and its arguments. */
    private List<String> run(String name, List<String> options, List<String> arguments) {
        List<String> command = new ArrayList<>(ctr.command("run", "--rm", "--read-only",
                "--memory-limit", Long.toString(MEMORY_LIMIT_BYTES), "--cgroup", cgroupsPath(name)));
        command.addAll(options);
        command.addAll(List.of(image, name, binary));
        command.addAll(arguments);
        return command;
    }

    private static String cgroupsPath(String name) {
        return "/" + CGROUP_PARENT + "/" + name;
    }

    private void makeCgroup(String name) {
        try {
            CgroupTree.pidsLeaf(CGROUP_PARENT, name, PIDS_LIMIT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the pids cgroup of container " + name, e);
        }
    }

    @Override
    public FunctionInstance start() {
        String name = SessionNames.next();
        ContainerdJanitor.running(ctr, name);
        makeCgroup(name);
        return instances.add(new PipedContainer(name, run(name, List.of(), List.of(CliProtocol.SERVE)),
                "nebula serve in containerd task " + name, timeout, () -> forceRemove(name), () -> forget(name), instances::closed));
    }

    /** Each warm task's cgroup, as passed to ctr, and its shim: the task is named as the container. */
    @Override
    public List<LiveContainer> liveContainers() {
        return instances.open().stream()
                .map(instance -> new LiveContainer(cgroupsPath(instance.name()), Optional.of(instance.name())))
                .toList();
    }

    @Override
    public long coldInvoke(CatalogFunction function, long n, Phases phases) {
        List<String> arguments = CliProtocol.oneShotArguments(function, n);
        String name = SessionNames.next();
        phases.begin();
        long begun = System.nanoTime();
        ContainerdJanitor.running(ctr, name);
        boolean clean = false;
        try {
            makeCgroup(name);
            Path log = logs.resolve(name + ".log");
            OneShotProcess.Finished run = OneShotProcess.run(run(name, List.of("--log-uri", log.toUri().toString()), arguments), timeout, "containerd task " + name + " (" + function.id() + " " + n + ")");
            CliProtocol.OneShot result = parse(function, n, run, log);
            // runc removed the cgroup it joined at delete; a leftover empty leaf would only be swept later.
            CgroupTree.removeLeaf(CGROUP_PARENT, name);
            markPhases(phases, name, begun);
            clean = true;
            return result.bits();
        } finally {
            if (!clean) {
                phases.begin();
                forceRemove(name);
            }
            forget(name);
        }
    }

    /**
     * The one-shot's answer from the log the shim wrote (its stdout and stderr). ctr's own relay of the output is not
     * used for one-shots: ctr cancels its copy when it deletes the task, so under load a fast container's answer
     * came back empty, while the shim finishes writing its log before the task is deleted.
     */
    private static CliProtocol.OneShot parse(CatalogFunction function, long n, OneShotProcess.Finished run, Path log) {
        String written;
        try {
            written = Files.exists(log) ? Files.readString(log) : "";
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output log " + log + " of a containerd task", e);
        }
        if (run.exitCode() != 0) {
            return CliProtocol.parseOneShot(function, n, run.exitCode(), "", (written + run.stderr()).strip());
        }
        return CliProtocol.parseOneShot(function, n, run.exitCode(), written, run.stderr());
    }

    /** Cuts the request at containerd's events, each clamped into order. */
    private void markPhases(Phases phases, String name, long begun) {
        if (events.await(name, TaskEvents.TASK_EXIT, EVENT_LAG_MILLIS) == null) {
            throw new NebulaException("containerd published no " + TaskEvents.TASK_EXIT + " for " + name + " within "
                    + EVENT_LAG_MILLIS + " ms of ctr's exit; its event stream (ctr events) stopped?");
        }
        Map<String, Long> seen = events.take(name);
        long removed = System.nanoTime();
        String[] names = {CLIENT, ColdPhases.CREATE, TASK, ColdPhases.START, ColdPhases.EXIT};
        String[] topics = {TaskEvents.SNAPSHOT_PREPARE, TaskEvents.CONTAINER_CREATE, TaskEvents.TASK_CREATE, TaskEvents.TASK_START,
            TaskEvents.TASK_EXIT};
        long previous = begun;
        for (int i = 0; i < names.length; i++) {
            long end = Timestamps.toNanoTime(seen.getOrDefault(topics[i], 0L));
            previous = Math.max(previous, Math.min(removed, end));
            phases.markAt(names[i], previous);
        }
        phases.markAt(ColdPhases.REMOVE, removed);
    }

    private void forceRemove(String name) {
        ctr.forceRemove(name);
        if (!CgroupTree.removeLeafOfKilled(CGROUP_PARENT, name, KILLED_PATIENCE)) {
            // ctr was killed while containerd was still making the task: it exists only now.
            ctr.forceRemove(name);
            CgroupTree.removeLeafOfKilled(CGROUP_PARENT, name, KILLED_PATIENCE);
        }
        ContainerdJanitor.removeFifoDirectories(name::equals);
    }

    private void forget(String name) {
        ContainerdJanitor.gone(ctr, name);
        events.take(name);
    }

    /** Ends every warm task started here and the event subscriber; the image stays, as {@code docker}'s does. */
    @Override
    public void close() {
        try {
            instances.closeAll();
        } finally {
            events.close();
            CgroupTree.removeParent(CGROUP_PARENT);
            deleteLogs();
        }
    }

    private void deleteLogs() {
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(logs);
        } catch (IOException e) {
            System.err.println("nebula: could not delete " + logs + ": " + e);
        }
    }
}
