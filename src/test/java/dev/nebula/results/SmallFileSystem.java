package dev.nebula.results;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tmpfs mounted over a directory for a test: small (a full disk) or read-only. Needs root, as CI runs. */
public final class SmallFileSystem implements AutoCloseable {
    private final Path directory;

    private SmallFileSystem(Path directory) {
        this.directory = directory;
    }

    /** Mounts a tmpfs of {@code size} (e.g. "64k") over {@code directory}, read-only if asked; skips the test when it cannot. */
    public static SmallFileSystem mount(Path directory, String size, boolean readOnly) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a small or read-only tmpfs needs root (CI runs the tests as root); skipped as " + System.getProperty("user.name"));
        Files.createDirectories(directory);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size + (readOnly ? ",ro" : ""), "tmpfs", directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here (no CAP_SYS_ADMIN?): " + output);
        return new SmallFileSystem(directory);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process umount = new ProcessBuilder("umount", directory.toString()).redirectErrorStream(true).start();
        String output = new String(umount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (umount.waitFor() != 0) {
            throw new IOException("umount " + directory + " failed: " + output);
        }
    }
}
