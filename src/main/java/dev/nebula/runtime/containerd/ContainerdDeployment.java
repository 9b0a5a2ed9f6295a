package dev.nebula.runtime.containerd;

import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.OpenInstances;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image in containerd, ready for one {@code ctr run --rm} per cold request and a {@code ctr run} of
 * {@code nebula serve} per warm instance. Every container: read-only root file system, ctr's default new network
 * namespace (only {@code lo}), no new privileges (ctr's default), 64 MiB of memory, and a cgroup
 * {@code /nebula-containerd/<name>} made beforehand with 16 pids (ctr 1.6 has no pids flag; runc joins the cgroup
 * and keeps its limit). A cold request's phases, in order, adding up to the whole, cut at containerd's own event
 * timestamps ({@link TaskEvents}) and the binary's:
 * <ol>
 *   <li>{@link #CLIENT}: the pids cgroup made, ctr's process started, the image looked up and a lease taken, until
 *       containerd has prepared the container's snapshot: what the client costs before containerd works;</li>
 *   <li>{@link ColdPhases#CREATE}: until containerd has created the container record;</li>
 *   <li>{@link #TASK}: until the task is created: the shim started, {@code runc create} (namespaces, cgroup, mounts);</li>
 *   <li>{@link ColdPhases#START}: until the function's first instruction, as the binary reports it ({@code runc start});</li>
 *   <li>{@link ColdPhases#COMPUTE}: the function, by the binary's clock;</li>
 *   <li>{@link ColdPhases#EXIT}: until containerd publishes the task's exit (the shim reaped it);</li>
 *   <li>{@link ColdPhases#REMOVE}: the task, the container and its snapshot deleted by ctr, ctr exited, its output read.</li>
 * </ol>
 */
final class ContainerdDeployment implements Deployment {
    /** Phase: ctr's own start and image lookup, until containerd prepares the snapshot. */
    static final String CLIENT = "client";
    /** Phase: the shim started and the task created by {@code runc create}. */
    static final String TASK = "task";
    /** The cgroup parent of every container: the pids leaf is made here before ctr runs. */
    static final String CGROUP_PARENT = "nebula-containerd";
    static final long MEMORY_LIMIT_BYTES = 64L << 20;
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
    private final OpenInstances<PipedContainer> instances = new OpenInstances<>();

    ContainerdDeployment(Ctr ctr, String image, String binary, TaskEvents events, Duration timeout) {
        this.ctr = ctr;
        this.image = image;
        this.binary = binary;
        this.events = events;
        this.timeout = timeout;
    }

    /** {@code ctr run --rm} of the image as {@code name}, with the limits, then the binary and its arguments. */
    private List<String> run(String name, List<String> options, List<String> arguments) {
        List<String> command = new ArrayList<>(ctr.command("run", "--rm", "--read-only",
                "--memory-limit", Long.toString(MEMORY_LIMIT_BYTES), "--cgroup", "/" + CGROUP_PARENT + "/" + name));
        command.addAll(options);
        command.addAll(List.of(image, name, binary));
        command.addAll(arguments);
        return command;
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
            OneShotProcess.Finished run = OneShotProcess.run(run(name, List.of("--env", CliProtocol.TIMESTAMPS_ENV + "=1"), arguments),
                    timeout, "containerd task " + name + " (" + function.id() + " " + n + ")");
            CliProtocol.OneShot result = CliProtocol.parseOneShot(function, n, run.exitCode(), run.stdout(), run.stderr());
            if (result.timestamps() == null) {
                ColdPhases.markRun(phases, null, begun, run.exited()); // says what to rebuild
            }
            // runc removed the cgroup it joined at delete; a leftover empty leaf would only be swept later.
            CgroupTree.removeLeaf(CGROUP_PARENT, name);
            markPhases(phases, name, result.timestamps(), begun);
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

    /** Cuts the request at containerd's events and the binary's timestamps, each clamped into order. */
    private void markPhases(Phases phases, String name, Timestamps timestamps, long begun) {
        if (events.await(name, TaskEvents.TASK_EXIT, EVENT_LAG_MILLIS) == null) {
            throw new NebulaException("containerd published no " + TaskEvents.TASK_EXIT + " for " + name + " within "
                    + EVENT_LAG_MILLIS + " ms of ctr's exit; its event stream (ctr events) stopped?");
        }
        Map<String, Long> seen = events.take(name);
        long removed = System.nanoTime();
        String[] names = {CLIENT, ColdPhases.CREATE, TASK, ColdPhases.START, ColdPhases.COMPUTE, ColdPhases.EXIT};
        long[] ends = {
            Timestamps.toNanoTime(seen.getOrDefault(TaskEvents.SNAPSHOT_PREPARE, 0L)),
            Timestamps.toNanoTime(seen.getOrDefault(TaskEvents.CONTAINER_CREATE, 0L)),
            Timestamps.toNanoTime(seen.getOrDefault(TaskEvents.TASK_CREATE, 0L)),
            timestamps.startNanoTime(),
            timestamps.endNanoTime(),
            Timestamps.toNanoTime(seen.get(TaskEvents.TASK_EXIT))
        };
        long previous = begun;
        for (int i = 0; i < names.length; i++) {
            previous = Math.max(previous, Math.min(removed, ends[i]));
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
        }
    }
}
