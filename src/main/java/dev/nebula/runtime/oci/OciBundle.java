package dev.nebula.runtime.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nebula.ModuleException;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.OwnedTempDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An OCI bundle made once at deploy, for runc and crun: a root file system that holds the static binary and nothing
 * else (plus the empty mount points {@code /proc} and {@code /dev}), mounted read-only, and per request a
 * {@code config.json} of its own that points at it. The container gets new pid, network (only {@code lo}), ipc, uts
 * and mount namespaces, no capabilities, no new privileges, {@code /proc} and a {@code /dev} tmpfs (runc needs
 * {@code /proc}; the tmpfs keeps runc from making device nodes in the root file system), 256 MiB of memory (the largest valid image, n = 4096, peaks near 80 MiB), 16 pids,
 * and a cgroup {@code /<parent>/<name>} of its own: without {@code cgroupsPath} runc would nest it in the caller's.
 * The directory is an {@link OwnedTempDirectories} one, so a killed JVM's bundle is removed by the next JVM.
 */
final class OciBundle implements AutoCloseable {
    /** Where the binary is inside the container. */
    static final String BINARY = "/nebula";
    static final long MEMORY_LIMIT_BYTES = 256L << 20;
    static final int PIDS_LIMIT = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Path rootfs;
    private final String cgroupParent;

    private OciBundle(Path directory, String cgroupParent) {
        this.directory = directory;
        this.rootfs = directory.resolve("rootfs");
        this.cgroupParent = cgroupParent;
    }

    /** Writes the root file system: the binary, mode 0755, and the two mount points. */
    static OciBundle make(FunctionArtifact module, String kind, String cgroupParent) {
        try {
            OciBundle bundle = new OciBundle(OwnedTempDirectories.create(kind), cgroupParent);
            Files.createDirectories(bundle.rootfs.resolve("proc"));
            Files.createDirectories(bundle.rootfs.resolve("dev"));
            Path binary = bundle.rootfs.resolve(BINARY.substring(1));
            Files.write(binary, module.bytes());
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(bundle.directory.resolve("requests"));
            return bundle;
        } catch (IOException e) {
            throw new ModuleException("cannot make an OCI bundle of " + module + ": " + e.getMessage(), e);
        }
    }

    /** The bundle's directory: the root file system and the requests' directories. */
    Path directory() {
        return directory;
    }

    /** The cgroup parent every request's cgroup is made under, e.g. {@code nebula-runc}. */
    String cgroupParent() {
        return cgroupParent;
    }

    /** The {@code cgroupsPath} of the container {@code name}: a cgroup of its own under {@link #cgroupParent()}. */
    String cgroupsPath(String name) {
        return "/" + cgroupParent + "/" + name;
    }

    /** A request's bundle directory: its {@code config.json}, running {@code /nebula <arguments>} with {@code env}. */
    Path request(String name, List<String> arguments, List<String> env) {
        Path dir = directory.resolve("requests").resolve(name);
        try {
            Files.createDirectory(dir);
            Files.writeString(dir.resolve("config.json"), config(name, arguments, env));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle of request " + name, e);
        }
    }

    /** Deletes a request's bundle directory; gone already is fine. */
    static void forget(Path request) {
        try {
            Files.deleteIfExists(request.resolve("config.json"));
            Files.deleteIfExists(request);
        } catch (IOException e) {
            // The deployment's directory goes at close, and a killed JVM's with the next JVM's sweep.
        }
    }

    private String config(String name, List<String> arguments, List<String> env) throws JsonProcessingException {
        List<String> args = Stream.concat(Stream.of(BINARY), arguments.stream()).toList();
        List<String> environment = Stream.concat(Stream.of("PATH=/"), env.stream()).toList();
        return """
                {
                  "ociVersion": "1.0.2",
                  "process": {
                    "terminal": false,
                    "user": {"uid": 0, "gid": 0},
                    "args": %s,
                    "env": %s,
                    "cwd": "/",
                    "capabilities": {"bounding": [], "effective": [], "permitted": [], "inheritable": [], "ambient": []},
                    "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}],
                    "noNewPrivileges": true
                  },
                  "root": {"path": %s, "readonly": true},
                  "hostname": "nebula",
                  "mounts": [
                    {"destination": "/proc", "type": "proc", "source": "proc"},
                    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]}
                  ],
                  "linux": {
                    "resources": {
                      "devices": [{"allow": false, "access": "rwm"}],
                      "memory": {"limit": %d, "swap": %d},
                      "pids": {"limit": %d}
                    },
                    "cgroupsPath": %s,
                    "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}]
                  }
                }
                """.formatted(JSON.writeValueAsString(args), JSON.writeValueAsString(environment),
                JSON.writeValueAsString(rootfs.toString()), MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES, PIDS_LIMIT,
                JSON.writeValueAsString(cgroupsPath(name)));
    }

    /** Deletes the whole bundle: the root file system and any request's directory left. */
    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("nebula: could not delete the OCI bundle " + directory + ": " + e);
        }
    }
}
