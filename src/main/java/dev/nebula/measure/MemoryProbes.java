package dev.nebula.measure;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Readings of memory, from the kernel's own accounting: a process's resident set ({@code VmRSS}) and proportional
 * set ({@code Pss}, shared pages divided among their sharers), a container's cgroup, and this JVM's heap after
 * collection. Linux only, as the project is.
 */
public final class MemoryProbes {
    private static final Path PROC = Path.of("/proc");
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");

    private MemoryProbes() {}

    /** Heap in use after two full collections: what live objects retain. */
    public static long heapUsedAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                TimeUnit.MILLISECONDS.sleep(50); // lets reference processing and concurrent phases finish
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A process's resident set, in bytes. */
    public static long rssBytes(long pid) {
        return kibibytesField(read(PROC.resolve(pid + "/status")), "VmRSS") * 1024;
    }

    /** A process's proportional set size, in bytes: its private pages plus its share of pages it shares. */
    public static long pssBytes(long pid) {
        return kibibytesField(read(PROC.resolve(pid + "/smaps_rollup")), "Pss") * 1024;
    }

    /** The value in kB of a {@code Name:   123 kB} line of a /proc file. */
    public static long kibibytesField(String text, String field) {
        for (String line : text.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).strip().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        throw new NebulaException("no '" + field + ":' line in " + text.lines().limit(3).toList() + " ...");
    }

    /**
     * A Docker container's cgroups path: the cgroupfs driver's {@code /docker/<id>} where that cgroup exists, else the
     * systemd driver's {@code system.slice:docker:<id>} ({@code system.slice/docker-<id>.scope}).
     */
    public static String dockerCgroupsPath(String containerId) {
        return dockerCgroupsPath(CGROUP, containerId);
    }

    public static String dockerCgroupsPath(Path cgroupRoot, String containerId) {
        String cgroupfs = "/docker/" + containerId;
        return cgroupMemoryBytes(cgroupRoot, cgroupfs).isPresent() ? cgroupfs : "system.slice:docker:" + containerId;
    }

    /** {@link #cgroupMemoryBytes(Path, String)} on this machine's cgroup file system. */
    public static OptionalLong cgroupMemoryBytes(String cgroupsPath) {
        return cgroupMemoryBytes(CGROUP, cgroupsPath);
    }

    /**
     * The memory of the cgroup an OCI {@code cgroupsPath} names (its processes' anonymous memory and page cache), in
     * bytes: {@code memory.current} where the memory controller is on cgroup v2 (the root of a unified hierarchy), else
     * v1's {@code memory/.../memory.usage_in_bytes}, else the {@code unified/} v2 mount of a hybrid machine whose v1
     * has no memory hierarchy. Empty when the cgroup is not there.
     */
    public static OptionalLong cgroupMemoryBytes(Path cgroupRoot, String cgroupsPath) {
        String directory = ContainerTasks.cgroupDirectory(cgroupsPath);
        List<Path> candidates = List.of(
                cgroupRoot.resolve(directory).resolve("memory.current"),
                cgroupRoot.resolve("memory").resolve(directory).resolve("memory.usage_in_bytes"),
                cgroupRoot.resolve("unified").resolve(directory).resolve("memory.current"));
        for (Path candidate : candidates) {
            if (Files.isReadable(candidate)) {
                return OptionalLong.of(Long.parseLong(read(candidate).strip()));
            }
        }
        return OptionalLong.empty();
    }

    /** The pids whose command line satisfies {@code test} (arguments joined by spaces). */
    static List<Long> pidsWhoseCommandLine(java.util.function.Predicate<String> test) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String commandLine = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').strip();
                    if (test.test(commandLine)) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException processEnded) {
                    // gone between listing and reading
                }
            }
        } catch (IOException e) {
            throw new NebulaException("cannot list " + PROC + ": " + e.getMessage(), e);
        }
        return pids;
    }

    /** The containerd shim that runs the container with this (full) id. */
    public static Optional<Long> shimOf(String containerId) {
        return pidsWhoseCommandLine(line -> line.contains("containerd-shim") && line.contains("-id " + containerId)).stream()
                .findFirst();
    }

    /** The full ids of the running containers this JVM made (Nebula labels every container with its pid). */
    public static List<String> containersOfThisJvm() {
        List<String> command = List.of("docker", "ps", "--quiet", "--no-trunc", "--filter",
                "label=dev.nebula.pid=" + ProcessHandle.current().pid());
        try {
            Process docker = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!docker.waitFor(30, TimeUnit.SECONDS) || docker.exitValue() != 0) {
                docker.destroyForcibly();
                throw new NebulaException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new NebulaException("cannot run the docker CLI to list this JVM's containers: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NebulaException("interrupted while listing this JVM's containers", e);
        }
    }

    /** The Docker daemon's pid, if one runs here. */
    public static Optional<Long> dockerd() {
        return pidsWhoseCommandLine(line -> line.equals("dockerd") || line.startsWith("dockerd ") || line.contains("/dockerd "))
                .stream().findFirst();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new NebulaException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
