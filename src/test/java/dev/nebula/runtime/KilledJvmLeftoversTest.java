package dev.nebula.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.ChildJvm;
import dev.nebula.Need;
import dev.nebula.runtime.containerd.ContainerdRuntime;
import dev.nebula.runtime.dockercli.DockerCliRuntime;
import dev.nebula.runtime.oci.ShortCommand;
import dev.nebula.runtime.runc.RuncRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM killed with SIGKILL, together with the tools it ran (its whole process group: runc run, ctr run, docker run),
 * leaves a warm container of each container rung behind; the next JVM's first deploy removes all of it. Checked from
 * outside, with the tools' own listings and the file systems, for names that carry the killed JVM's pid. (With the
 * sweeps disabled the containerd and runc cases fail; docker-cli's container is ended by dockerd itself once its
 * attached client is gone, so that case checks the outcome, which the orphan sweep only backs up.)
 */
@Tag(Need.DOCKER)
@Tag(Need.ROOT)
@Tag(Need.NATIVE)
@Tag(Need.CHILD_JVM)
class KilledJvmLeftoversTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String CONTAINERD = ContainerdRuntime.ADDRESS;

    @ParameterizedTest
    @ValueSource(strings = {DockerCliRuntime.ID, ContainerdRuntime.ID, RuncRuntime.ID})
    void theNextJvmSweepsWhatAKilledOneLeft(String runtimeId) throws Exception {
        List<String> hold = new ArrayList<>(List.of("setsid", ChildJvm.thisJava().toString(), "-cp", System.getProperty("java.class.path"),
                LeftoverChild.class.getName(), runtimeId, "hold"));
        Process child = new ProcessBuilder(hold).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String prefix = "nebula-" + child.pid() + "-";
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine(), "the child JVM did not get its warm container running");
            assertFalse(leftovers(runtimeId, prefix).isEmpty(), "while it runs, the child's warm container is seen");
        } finally {
            // setsid made the child a group leader: SIGKILL to the group kills it and the tools it started, no hook runs.
            new ProcessBuilder("kill", "-KILL", "--", "-" + child.pid()).start().waitFor();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        if (runtimeId.equals(ContainerdRuntime.ID)) {
            Thread.sleep(6_000); // leases carry no name: the sweep takes those past their grace (5 s)
        }
        ChildJvm sweep = ChildJvm.run(ChildJvm.thisJava(), List.of(), LeftoverChild.class.getName(), List.of(runtimeId, "sweep"));
        assertTrue(sweep.output().contains("swept"), sweep.report());
        assertEquals(List.of(), leftovers(runtimeId, prefix));
    }

    /** Everything named for the JVM with this name prefix, as the rung's own tools and the file systems show it. */
    private static List<String> leftovers(String runtimeId, String prefix) throws IOException {
        List<String> found = new ArrayList<>();
        switch (runtimeId) {
            case DockerCliRuntime.ID -> found.addAll(named(prefix, "docker", "ps", "--all", "--format", "{{.Names}}"));
            case ContainerdRuntime.ID -> {
                for (String listing : List.of("tasks", "containers", "snapshots")) {
                    found.addAll(named(prefix, "ctr", "--address", CONTAINERD, "--namespace", "nebula", listing, "list"));
                }
                found.addAll(files(Path.of("/run/containerd/fifo"), prefix));
                found.addAll(ShortCommand.require(LIMIT, List.of("ctr", "--address", CONTAINERD, "--namespace", "nebula", "leases", "list"))
                        .lines().stream().skip(1).map(line -> "lease " + line).toList());
                found.addAll(files(Path.of("/sys/fs/cgroup/pids/nebula-containerd"), prefix));
                ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(" -id " + prefix))
                        .forEach(p -> found.add("shim " + p.pid()));
            }
            case RuncRuntime.ID -> {
                found.addAll(named(prefix, "runc", "--root", "/run/nebula-runc", "list", "--quiet"));
                found.addAll(files(Path.of("/sys/fs/cgroup/pids/nebula-runc"), prefix));
                found.addAll(files(Path.of("/sys/fs/cgroup/memory/nebula-runc"), prefix));
            }
            default -> throw new IllegalArgumentException(runtimeId);
        }
        // Bundles and other temporary directories carry the pid too: nebula-<kind>-<pid>-*.
        String pid = prefix.split("-")[1];
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            temp.map(path -> path.getFileName().toString()).filter(name -> name.matches("nebula-[a-z-]+-" + pid + "-.*"))
                    .forEach(name -> found.add("temp " + name));
        }
        return found;
    }

    private static List<String> named(String prefix, String... command) {
        return ShortCommand.require(LIMIT, List.of(command)).lines().stream().filter(line -> line.startsWith(prefix)).toList();
    }

    private static List<String> files(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(path -> path.getFileName().toString().startsWith(prefix)).map(Path::toString).toList();
        }
    }
}
