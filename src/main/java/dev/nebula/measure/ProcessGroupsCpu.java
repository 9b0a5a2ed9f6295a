package dev.nebula.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The CPU of the process groups that do a request's work besides this JVM, as running totals in ns; the profiler
 * takes their differences around an iteration.
 * <ul>
 *   <li><b>function</b>: this JVM's child processes (the {@code process} runtime's child, a CLI the runtime runs):
 *       those that exited and were waited for, with their own waited-for children ({@code getrusage(RUSAGE_CHILDREN)}),
 *       plus every live descendant's utime + stime + cutime + cstime ({@code /proc/<pid>/stat}). A descendant
 *       orphaned when its parent exits leaves the group, and its CPU after that is not counted.</li>
 *   <li><b>containers</b>: the cgroups of the containers this JVM made through containerd (Docker's, or a system
 *       containerd), found from containerd's task directories ({@link ContainerTasks}) and read every
 *       {@value #POLL_MILLIS_DEFAULT} ms while an iteration runs ({@value #POLL_MILLIS_PROPERTY}; {@value
 *       #SLOW_POLL_FACTOR}× less often until the first container of this JVM appears), and once more when
 *       it ends: a container's figure is its cgroup's last reading, kept after the cgroup is removed. What a
 *       container does after the last reading before its cgroup goes is lost (its exit, at most one poll).
 *       Containers run by {@code runc} as this JVM's child are in <b>function</b> instead (runc waits for them).</li>
 *   <li><b>container stack</b>: every {@code dockerd} and {@code containerd} on the machine (utime + stime + cutime +
 *       cstime: with dockerd's re-executions of itself and containerd's {@code containerd-shim start} processes)
 *       from the first time one of this JVM's containers is seen (so a fork that makes none counts none of theirs), each
 *       daemon from when it is first seen ({@link DaemonLedger}),
 *       plus the long-lived shim of each of this JVM's containers, read with the containers: its own CPU and that of
 *       the children it waited for ({@code runc create/start/delete}, Docker's {@code libnetwork-setkey} hook),
 *       minus its container's CPU once the shim has reaped the container's first process (that is in
 *       <b>containers</b>). The shim is reparented to pid 1 (containerd is no subreaper), so nothing else holds its
 *       CPU once it exits; what it does after the last reading (its own exit) is lost. Counted though not this
 *       JVM's: the daemons are shared, so another user's containers running meanwhile add their daemon work here
 *       (but not their shims or cgroups).</li>
 * </ul>
 * The poller's own CPU runs in this JVM; {@link Totals#profilerNanos()} says how much, for the profiler to take
 * out of {@code cpu.jvm}.
 */
final class ProcessGroupsCpu {
    public static final String POLL_MILLIS_PROPERTY = "nebula.cpu.pollMillis";
    static final long POLL_MILLIS_DEFAULT = 10;
    /** Until this JVM's first container, the poller reads this many times less often; a container lives longer. */
    static final int SLOW_POLL_FACTOR = 10;
    private static final String SHIM_COMMAND = "containerd-shim"; // comm is cut at 15 characters: containerd-shim-runc-v2
    private static final List<String> DAEMON_COMMANDS = List.of("dockerd", "containerd");

    /** Running totals, ns. */
    record Totals(long functionNanos, long containersNanos, long stackNanos, long profilerNanos) {
        static final Totals ZERO = new Totals(0, 0, 0, 0);
    }

    private final long jvmPid = ProcessHandle.current().pid();
    private final long pollMillis;
    private final ShimLedger ledger = new ShimLedger();
    private final Map<String, Boolean> ours = new HashMap<>();
    private final Map<String, Long> shimOfTask = new HashMap<>();
    private final AtomicLong pollerNanos = new AtomicLong();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ScheduledExecutorService poller;
    private ScheduledFuture<?> polling;
    private final DaemonLedger daemons = new DaemonLedger();
    private volatile boolean ownContainerSeen;
    private long pollsSkipped;

    ProcessGroupsCpu(long pollMillis) {
        this.pollMillis = pollMillis;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "nebula-cpu-poller");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads every group now. */
    Totals read() {
        long function = ProcessCpuClock.exitedChildrenNanos() + ProcessHandle.current().descendants()
                .mapToLong(child -> ProcessTimes.of(child.pid()).map(ProcessTimes::totalNanos).orElse(0L)).sum();
        synchronized (ledger) {
            pollContainers();
            return new Totals(function, ledger.containersNanos(), daemonNanosSinceOwnContainer() + ledger.shimsNanos(),
                    pollerNanos.get());
        }
    }

    /** Reads the containers every poll interval until {@link #stopPolling()}: a cold start's shim lives a fraction of a second. */
    void startPolling() {
        if (polling == null && pollMillis > 0) {
            polling = poller.scheduleWithFixedDelay(this::pollTimed, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        }
    }

    void stopPolling() {
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
    }

    private void pollTimed() {
        if (!ownContainerSeen && ++pollsSkipped % SLOW_POLL_FACTOR != 0) {
            return; // no container of this JVM yet: poll less often, so in-JVM runtimes pay little for it
        }
        long before = threads.getCurrentThreadCpuTime();
        synchronized (ledger) {
            pollContainers();
        }
        pollerNanos.addAndGet(threads.getCurrentThreadCpuTime() - before);
    }

    private void pollContainers() {
        for (ContainerTasks.Task task : ContainerTasks.live()) {
            if (!ours.computeIfAbsent(task.key(), key -> ContainerTasks.madeBy(jvmPid, task))) {
                continue;
            }
            if (!ownContainerSeen) {
                readDaemons();
                ownContainerSeen = true;
            }
            boolean initReaped = ProcessTimes.of(task.initPid()).isEmpty(); // a zombie still has its /proc entry
            OptionalLong usage = ContainerTasks.usageNanos(ContainerTasks.CGROUP, task.cgroupsPath());
            Long shim = shimOfTask.get(task.key());
            if (shim == null && !initReaped) {
                shim = ProcessTimes.of(task.initPid()).map(ProcessTimes::parent)
                        .filter(parent -> ProcessTimes.of(parent).map(p -> p.command().startsWith(SHIM_COMMAND)).orElse(false))
                        .orElse(null); // until runc create exits, init's parent is runc
                if (shim != null) {
                    shimOfTask.put(task.key(), shim);
                }
            }
            ledger.container(task.key(), usage);
            if (shim != null) {
                long shimPid = shim;
                ProcessTimes.of(shimPid).ifPresent(times -> ledger.shim(task.key(), shimPid, times.totalNanos(), initReaped));
            }
        }
    }

    /** The daemons' CPU since this JVM's first container: before it, their work was for someone else. */
    private long daemonNanosSinceOwnContainer() {
        if (!ownContainerSeen) {
            return 0;
        }
        readDaemons();
        return daemons.nanosSinceFirstSeen();
    }

    /** Reads every daemon running now, found afresh each time: one started since the last reading counts from now on. */
    private void readDaemons() {
        for (long pid : pidsNamed(DAEMON_COMMANDS)) {
            ProcessTimes.of(pid).ifPresent(times -> daemons.reading(pid, times.totalNanos()));
        }
    }

    private static List<Long> pidsNamed(List<String> commands) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> ProcessTimes.of(pid).map(times -> commands.contains(times.command())).orElse(false))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The daemons' CPU from the first time each was seen: a daemon that appears later (restarted, or another user's
     * engine) counts its work since then, not its whole life; one that has gone keeps its last reading.
     */
    static final class DaemonLedger {
        private final Map<Long, Long> firstNanos = new HashMap<>();
        private final Map<Long, Long> lastNanos = new HashMap<>();

        void reading(long pid, long totalNanos) {
            firstNanos.putIfAbsent(pid, totalNanos);
            lastNanos.put(pid, totalNanos);
        }

        long nanosSinceFirstSeen() {
            return lastNanos.entrySet().stream().mapToLong(daemon -> daemon.getValue() - firstNanos.get(daemon.getKey())).sum();
        }
    }

    /**
     * The containers' and their shims' last readings, kept after they are gone. A shim's figure excludes its
     * containers' CPU once it has reaped their first process: from then on its cutime holds theirs.
     */
    static final class ShimLedger {
        private final Map<String, Long> containerNanos = new HashMap<>();
        private final Map<String, Long> shimOfContainer = new HashMap<>();
        private final Map<String, Boolean> reapedBeforeShimRead = new HashMap<>();
        private final Map<Long, Long> shimNanos = new HashMap<>();

        /** A reading of a container's cgroup CPU, if the cgroup still exists. */
        void container(String key, OptionalLong usageNanos) {
            usageNanos.ifPresent(usage -> containerNanos.put(key, usage));
        }

        /** A reading of the container's shim, taken after the container's and after checking whether its init is reaped. */
        void shim(String key, long pid, long totalNanos, boolean initReaped) {
            shimNanos.put(pid, totalNanos);
            shimOfContainer.put(key, pid);
            reapedBeforeShimRead.put(key, initReaped);
        }

        long containersNanos() {
            return containerNanos.values().stream().mapToLong(Long::longValue).sum();
        }

        long shimsNanos() {
            Map<Long, Long> reapedContainers = new HashMap<>();
            shimOfContainer.forEach((key, shim) -> {
                if (reapedBeforeShimRead.getOrDefault(key, false)) {
                    reapedContainers.merge(shim, containerNanos.getOrDefault(key, 0L), Long::sum);
                }
            });
            return shimNanos.entrySet().stream()
                    .mapToLong(shim -> Math.max(0, shim.getValue() - reapedContainers.getOrDefault(shim.getKey(), 0L))).sum();
        }
    }
}
