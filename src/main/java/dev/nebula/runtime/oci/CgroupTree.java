package dev.nebula.runtime.oci;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * This machine's cgroup file system, as the container rungs need it: which mode it is in (crun refuses one), a
 * request's leaf under a Nebula parent in every hierarchy, and the leaves a killed JVM left (named by
 * {@link SessionNames}).
 */
public final class CgroupTree {
    static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final long RETRY_NANOS = 20_000_000L;

    /** How the cgroup hierarchies are mounted; the rule is libcrun's. */
    public enum Mode {
        /** cgroup v2 only: {@code /sys/fs/cgroup} is cgroup2. */
        UNIFIED,
        /** cgroup v1 controllers plus a v2 mount at {@code /sys/fs/cgroup/unified}. */
        HYBRID,
        /** cgroup v1 only. */
        LEGACY
    }

    private CgroupTree() {}

    /** The mode, from two file tests: {@code cgroup.controllers} exists only at the root of a v2 mount. */
    public static Mode mode() {
        if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
            return Mode.UNIFIED;
        }
        return Files.exists(ROOT.resolve("unified/cgroup.controllers")) ? Mode.HYBRID : Mode.LEGACY;
    }

    /**
     * The controllers the v2 mount of a hybrid machine holds (e.g. {@code hugetlb}); empty when there are none. Read,
     * not sized: cgroupfs files report size 0.
     */
    public static String hybridV2Controllers() {
        try {
            return Files.readString(ROOT.resolve("unified/cgroup.controllers")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Every hierarchy's root directory: the one v2 root, or each v1 controller's (aliases such as cpu -> cpu,cpuacct once). */
    static List<Path> hierarchies() {
        if (mode() == Mode.UNIFIED) {
            return List.of(ROOT);
        }
        Set<Path> roots = new LinkedHashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ROOT)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    roots.add(entry.toRealPath());
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.copyOf(roots);
    }

    /**
     * Makes {@code parent/name} in the pids hierarchy with {@code pids.max} = {@code limit}, for a tool that cannot
     * set the limit itself (ctr 1.6 has no flag): the OCI runtime joins an existing cgroup and keeps its limit.
     */
    public static void pidsLeaf(String parent, String name, int limit) throws IOException {
        Path leaf;
        if (mode() == Mode.UNIFIED) {
            Path parentDir = Files.createDirectories(ROOT.resolve(parent));
            // In v2 a child gets the pids controller only when its parent hands it down.
            Files.writeString(parentDir.resolve("cgroup.subtree_control"), "+pids +memory");
            leaf = parentDir.resolve(name);
        } else {
            leaf = ROOT.resolve("pids").resolve(parent).resolve(name);
        }
        Files.createDirectories(leaf);
        Files.writeString(leaf.resolve("pids.max"), Integer.toString(limit));
    }

    /** Removes {@code parent/name} from every hierarchy where it is; a missing one is fine, a busy one stays. */
    public static void removeLeaf(String parent, String name) {
        for (Path hierarchy : hierarchies()) {
            rmdir(hierarchy.resolve(parent).resolve(name));
        }
    }

    /**
     * Removes {@code parent/name} after a container was killed: its last processes may take a moment to leave the
     * cgroup (a busy cgroup cannot be removed), so this tries again for up to {@code patience}. False if some stayed.
     */
    public static boolean removeLeafOfKilled(String parent, String name, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            removeLeaf(parent, name);
            boolean gone = hierarchies().stream().noneMatch(hierarchy -> Files.exists(hierarchy.resolve(parent).resolve(name)));
            if (gone || System.nanoTime() > deadline) {
                return gone;
            }
            LockSupport.parkNanos(RETRY_NANOS);
        }
    }

    /**
     * Removes the leaves under {@code parent} that JVMs now gone left ({@link SessionNames#leftOver}), then {@code parent}
     * itself where it is empty. Returns the leaves removed, one per hierarchy.
     */
    public static List<Path> sweep(String parent) {
        List<Path> removed = new ArrayList<>();
        for (Path hierarchy : hierarchies()) {
            Path dir = hierarchy.resolve(parent);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> leaves = Files.newDirectoryStream(dir, Files::isDirectory)) {
                for (Path leaf : leaves) {
                    if (SessionNames.leftOver(leaf.getFileName().toString()) && rmdir(leaf)) {
                        removed.add(leaf);
                    }
                }
            } catch (IOException e) {
                System.err.println("nebula: could not list " + dir + ": " + e);
            }
        }
        removeParent(parent);
        return removed;
    }

    /** Removes {@code parent} from every hierarchy where it is empty: another JVM's live leaves keep it. */
    public static void removeParent(String parent) {
        for (Path hierarchy : hierarchies()) {
            rmdir(hierarchy.resolve(parent));
        }
    }

    /** Every leaf under {@code parent}, in any hierarchy: for tests and checks. */
    public static List<Path> leaves(String parent) {
        List<Path> found = new ArrayList<>();
        for (Path hierarchy : hierarchies()) {
            Path dir = hierarchy.resolve(parent);
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> leaves = Files.newDirectoryStream(dir, Files::isDirectory)) {
                    leaves.forEach(found::add);
                } catch (IOException e) {
                    System.err.println("nebula: could not list " + dir + ": " + e);
                }
            }
        }
        return found;
    }

    /** rmdir, which is how a cgroup is removed; false when it is absent or busy. */
    private static boolean rmdir(Path dir) {
        try {
            return Files.deleteIfExists(dir);
        } catch (IOException e) {
            return false;
        }
    }
}
