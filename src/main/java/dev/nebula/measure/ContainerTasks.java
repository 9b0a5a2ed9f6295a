package dev.nebula.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The containers containerd runs now, from its task state directories ({@code <root>/<namespace>/<id>/} with
 * {@code init.pid} and the OCI {@code config.json}), and their cgroups' CPU: what a cgroup or a containerd shim costs
 * can only be read while it exists, so {@link ProcessGroupsCpu} reads these often.
 */
final class ContainerTasks {
    /** Docker's own containerd, then a system containerd (where {@code ctr} talks by default). */
    static final List<Path> TASK_ROOTS = List.of(
            Path.of("/var/run/docker/containerd/daemon/io.containerd.runtime.v2.task"),
            Path.of("/run/containerd/io.containerd.runtime.v2.task"));
    static final Path DOCKER_CONTAINERS = Path.of("/var/lib/docker/containers");
    static final Path CGROUP = Path.of("/sys/fs/cgroup");
    private static final Pattern CGROUPS_PATH = Pattern.compile("\"cgroupsPath\"\\s*:\\s*\"([^\"]*)\"");

    /**
     * A live task.
     *
     * @param key root, namespace and id: unique on the machine
     * @param initPid the container's first process
     * @param cgroupsPath the OCI {@code linux.cgroupsPath}: {@code /docker/<id>} (cgroupfs) or {@code slice:prefix:name} (systemd)
     */
    record Task(String key, String namespace, String id, long initPid, String cgroupsPath) {}

    private ContainerTasks() {}

    /** Every task whose {@code init.pid} is written (runc create has made the container). */
    static List<Task> live() {
        List<Task> tasks = new ArrayList<>();
        for (Path root : TASK_ROOTS) {
            for (Path namespace : list(root)) {
                for (Path task : list(namespace)) {
                    read(task.resolve("init.pid")).map(String::strip).filter(pid -> pid.matches("\\d+")).ifPresent(pid -> {
                        String cgroupsPath = read(task.resolve("config.json")).map(ContainerTasks::cgroupsPath).orElse("");
                        tasks.add(new Task(task.toString(), namespace.getFileName().toString(), task.getFileName().toString(),
                                Long.parseLong(pid), cgroupsPath));
                    });
                }
            }
        }
        return tasks;
    }

    /**
     * Whether this JVM made the task: a Docker container (namespace {@code moby}) labelled {@code dev.nebula.pid=<pid>}
     * in Docker's own config (under Docker's default data root), or any task whose id or cgroups path holds {@code nebula-<pid>} (the convention for
     * containers Nebula runs through containerd or runc).
     */
    static boolean madeBy(long jvmPid, Task task) {
        Pattern mark = Pattern.compile("nebula-" + jvmPid + "(?!\\d)");
        if (mark.matcher(task.id()).find() || mark.matcher(task.cgroupsPath()).find()) {
            return true;
        }
        return task.namespace().equals("moby") && read(DOCKER_CONTAINERS.resolve(task.id()).resolve("config.v2.json"))
                .map(config -> config.contains("\"dev.nebula.pid\":\"" + jvmPid + "\"")).orElse(false);
    }

    static String cgroupsPath(String ociConfig) {
        Matcher path = CGROUPS_PATH.matcher(ociConfig);
        return path.find() ? path.group(1) : "";
    }

    /** The cgroup directory below a hierarchy's root: systemd's {@code slice:prefix:name} is {@code slice/prefix-name.scope}. */
    static String cgroupDirectory(String cgroupsPath) {
        if (!cgroupsPath.startsWith("/") && cgroupsPath.split(":").length == 3) {
            String[] parts = cgroupsPath.split(":");
            return parts[0] + "/" + parts[1] + "-" + parts[2] + ".scope";
        }
        return cgroupsPath.replaceFirst("^/+", "");
    }

    /**
     * The cgroup's CPU so far in ns: v1 {@code cpuacct.usage}, else v2 {@code cpu.stat} {@code usage_usec} (at the
     * root of a unified hierarchy or under {@code unified/} of a hybrid one); empty once the cgroup is gone.
     */
    static OptionalLong usageNanos(Path cgroupRoot, String cgroupsPath) {
        if (cgroupsPath.isEmpty()) {
            return OptionalLong.empty();
        }
        String directory = cgroupDirectory(cgroupsPath);
        for (String v1 : List.of("cpuacct", "cpu,cpuacct")) {
            Optional<String> usage = read(cgroupRoot.resolve(v1).resolve(directory).resolve("cpuacct.usage"));
            if (usage.isPresent()) {
                return parseLong(usage.get());
            }
        }
        for (Path v2 : List.of(cgroupRoot, cgroupRoot.resolve("unified"))) {
            Optional<String> stat = read(v2.resolve(directory).resolve("cpu.stat"));
            if (stat.isPresent()) {
                Optional<String> usageLine = stat.get().lines().filter(line -> line.startsWith("usage_usec ")).findFirst();
                if (usageLine.isEmpty()) {
                    return OptionalLong.empty();
                }
                OptionalLong micros = parseLong(usageLine.get().substring("usage_usec ".length()));
                return micros.isPresent() ? OptionalLong.of(micros.getAsLong() * 1_000) : OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong parseLong(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        } catch (IOException absentOrGone) {
            return List.of();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException absentOrGone) {
            return Optional.empty();
        }
    }
}
