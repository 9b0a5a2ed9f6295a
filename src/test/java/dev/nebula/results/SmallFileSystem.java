package dev.nebula.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tmpfs mounted over a directory for a test: small (a full disk) or read-only. Tests using it carry {@code @Tag(Need.ROOT)}. */
public final class SmallFileSystem implements AutoCloseable {
    private final Path directory;

    private SmallFileSystem(Path directory) {
        this.directory = directory;
    }

    /** Mounts a tmpfs of {@code size} (e.g. "64k") over {@code directory}, read-only if asked. */
    public static SmallFileSystem mount(Path directory, String size, boolean readOnly) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size + (readOnly ? ",ro" : ""), "tmpfs", directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (mount.waitFor() != 0) {
            throw new IOException("cannot mount a tmpfs over " + directory + ": " + output);
        }
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
