package dev.nebula.runtime.oci;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leaves no OCI container behind: the containers this JVM runs are remembered until they are gone, deleted by a
 * shutdown hook if the JVM exits first, and the containers, cgroups and bundles of a JVM killed before its hook ran
 * (SIGKILL) are swept by the next JVM's first deploy. Bundles are {@link dev.nebula.runtime.OwnedTempDirectories},
 * swept with them.
 */
final class OciJanitor {
    private record Running(OciCli cli, String name) {}

    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Set<OciCli> SWEPT = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_REGISTERED = new AtomicBoolean();

    private OciJanitor() {}

    /** Remembers a container about to run. */
    static void running(OciCli cli, String name) {
        if (HOOK_REGISTERED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(OciJanitor::deleteRunningOnExit, "nebula-oci-cleanup"));
        }
        RUNNING.add(new Running(cli, name));
    }

    /** Forgets a container that is gone. */
    static void gone(OciCli cli, String name) {
        RUNNING.remove(new Running(cli, name));
    }

    /**
     * Once per tool and JVM: deletes the containers of JVMs that are gone, then their cgroup leaves under
     * {@code cgroupParent} (runc's delete removes a container's cgroups; a run killed before runc wrote its state
     * leaves only the leaves). Returns the containers deleted.
     */
    static List<String> sweep(OciCli cli, String cgroupParent) {
        if (!SWEPT.add(cli)) {
            return List.of();
        }
        List<String> deleted = cli.containers().stream().filter(SessionNames::leftOver).filter(cli::forceDelete).toList();
        CgroupTree.sweep(cgroupParent);
        return deleted;
    }

    private static void deleteRunningOnExit() {
        for (Running running : List.copyOf(RUNNING)) {
            if (!running.cli().forceDelete(running.name())) {
                System.err.println("nebula: could not delete container " + running.name() + " of " + running.cli().tool() + " at exit");
            }
        }
    }
}
