package dev.nebula.runtime.containerd;

import dev.nebula.runtime.oci.CgroupTree;
import dev.nebula.runtime.oci.SessionNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Leaves nothing in containerd: the containers this JVM runs are removed by a shutdown hook if the JVM exits first, and
 * what a JVM killed with its ctr processes left (tasks still running under their shims, containers, active snapshots,
 * leases, orphan shims, ctr's FIFO directories, pids cgroups, its event subscriber) is swept by the next JVM's first
 * deploy. Everything is found by its {@link SessionNames} name, except leases, which ctr names at random: those
 * older than {@link #LEASE_GRACE} go, as a lease only guards a snapshot until its container exists.
 */
final class ContainerdJanitor {
    /** A ctr run takes its lease and creates its container within this, even on a loaded machine. */
    static final Duration LEASE_GRACE = Duration.ofSeconds(5);
    static final Path FIFO_ROOT = Path.of("/run/containerd/fifo");

    private record Running(Ctr ctr, String name) {}

    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Set<Ctr> SWEPT = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_REGISTERED = new AtomicBoolean();

    private ContainerdJanitor() {}

    static void running(Ctr ctr, String name) {
        if (HOOK_REGISTERED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ContainerdJanitor::removeRunningOnExit, "nebula-containerd-cleanup"));
        }
        RUNNING.add(new Running(ctr, name));
    }

    static void gone(Ctr ctr, String name) {
        RUNNING.remove(new Running(ctr, name));
    }

    /** Once per containerd and JVM: removes what Nebula JVMs that are gone left. Returns the names swept. */
    static List<String> sweep(Ctr ctr) {
        if (!SWEPT.add(ctr)) {
            return List.of();
        }
        endOrphanSubscribers();
        Set<String> names = new TreeSet<>();
        ctr.lines("tasks", "list", "--quiet").stream().filter(SessionNames::leftOver).forEach(names::add);
        ctr.lines("containers", "list", "--quiet").stream().filter(SessionNames::leftOver).forEach(names::add);
        ctr.lines("snapshots", "list").stream().skip(1).map(line -> line.split("\\s+")[0]).filter(SessionNames::leftOver).forEach(names::add);
        names.forEach(ctr::forceRemove);
        removeOldLeases(ctr);
        endOrphanShims(ctr.namespace());
        removeFifoDirectories(SessionNames::leftOver);
        CgroupTree.sweep(ContainerdDeployment.CGROUP_PARENT);
        return List.copyOf(names);
    }

    private static void removeOldLeases(Ctr ctr) {
        Instant before = Instant.now().minus(LEASE_GRACE);
        for (String line : ctr.lines("leases", "list").stream().skip(1).toList()) {
            String[] fields = line.split("\\s+");
            if (fields.length >= 2 && createdBefore(fields[1], before)) {
                ctr.run("leases", "delete", fields[0]);
            }
        }
    }

    private static boolean createdBefore(String rfc3339, Instant before) {
        try {
            return OffsetDateTime.parse(rfc3339).toInstant().isBefore(before);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Shims of gone JVMs' containers that containerd no longer lists (ctr killed while the task was being made). */
    private static void endOrphanShims(String namespace) {
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            List<String> argv = commandLine(process.pid());
            int id = argv.indexOf("-id");
            if (argv.isEmpty() || !argv.getFirst().endsWith("containerd-shim-runc-v2") || id < 0 || id + 1 >= argv.size()
                    || !argv.contains(namespace) || !SessionNames.leftOver(argv.get(id + 1))) {
                continue;
            }
            process.destroy(); // SIGTERM: the shim removes its socket and exits
        }
    }

    /** ctr event subscribers whose JVM is gone (they would end only at their next event). */
    private static void endOrphanSubscribers() {
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            String owner = environment(process.pid(), TaskEvents.OWNER_ENV);
            if (owner != null && owner.matches("\\d+") && SessionNames.gone(Long.parseLong(owner))) {
                process.destroyForcibly();
            }
        }
    }

    /** ctr's client-side FIFO directories of the containers {@code owned} accepts (a killed ctr leaves its own). */
    static void removeFifoDirectories(Predicate<String> owned) {
        if (!Files.isDirectory(FIFO_ROOT)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(FIFO_ROOT, Files::isDirectory)) {
            for (Path dir : dirs) {
                if (fifosOf(dir, owned)) {
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            System.err.println("nebula: could not sweep " + FIFO_ROOT + ": " + e);
        }
    }

    private static boolean fifosOf(Path dir, Predicate<String> owned) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            return !all.isEmpty() && all.stream().allMatch(file -> owned.test(file.getFileName().toString().replaceAll("-std(in|out|err)$", "")));
        }
    }

    private static List<String> commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String environment(long pid, String variable) {
        try {
            for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.UTF_8).split("\0")) {
                if (entry.startsWith(variable + "=")) {
                    return entry.substring(variable.length() + 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A process that ended, or one we may not read: not ours.
        }
        return null;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void removeRunningOnExit() {
        List<Running> running = new ArrayList<>(RUNNING);
        for (Running each : running) {
            each.ctr().forceRemove(each.name());
            CgroupTree.removeLeaf(ContainerdDeployment.CGROUP_PARENT, each.name());
            removeFifoDirectories(each.name()::equals);
        }
    }
}
