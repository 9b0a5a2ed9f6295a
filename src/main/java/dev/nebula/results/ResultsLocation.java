package dev.nebula.results;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks, before any benchmark runs, that results can be written where they will go: the directory exists (or can
 * be made), a probe file of {@value #PROBE_BYTES} bytes can be written, synced to disk and deleted, and the file
 * system has at least {@value #MIN_FREE_BYTES} bytes free. A run that would end with nowhere to write fails at
 * once, naming the path and the operating system's reason, instead of after twenty minutes.
 */
public final class ResultsLocation {
    /** A full suite writes about 1.5 MB of JSON and 0.5 MB of report; four times that, with room to spare. */
    static final long MIN_FREE_BYTES = 8L << 20;
    static final int PROBE_BYTES = 256 << 10;
    /** The limit on symlinks Linux follows in one path lookup. */
    private static final int MAX_LINKS = 40;

    private ResultsLocation() {}

    /** For the suite: {@code directory} is made if missing, then probed. */
    public static void requireWritableDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new NebulaException("cannot write results to " + directory.toAbsolutePath() + ": cannot create the directory: " + reason(e), e);
        }
        probe(directory);
    }

    /**
     * For {@code -rff FILE}: the file must be a regular file or a new name (a symlink counts as what it leads to),
     * and its directory must exist, as JMH does not make it, and take a write.
     */
    public static void requireWritableFile(Path file) {
        Path destination;
        try {
            destination = destination(file);
        } catch (IOException e) {
            throw new NebulaException("cannot write results to " + file.toAbsolutePath() + ": " + reason(e), e);
        }
        Path directory = destination.getParent();
        if (!Files.isDirectory(directory)) {
            throw new NebulaException("cannot write results to " + file.toAbsolutePath() + ": the directory " + directory
                    + " does not exist; create it or choose another -rff");
        }
        probe(directory);
    }

    /**
     * Where a write to {@code file} lands: {@code file} itself, or, for a symlink, the file it leads to (so the link
     * stays a link). Refuses, naming what it is, anything but a regular file or a new name: replacing a device, a
     * directory, a fifo or a socket with a result file could break the machine.
     */
    static Path destination(Path file) throws IOException {
        Path path = file.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(path); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(file.toString(), null, "too many levels of symbolic links");
            }
            path = path.resolveSibling(Files.readSymbolicLink(path));
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            String via = path.equals(file.toAbsolutePath()) ? "" : " (the symlink leads to " + path + ")";
            throw new FileSystemException(file.toString(), null, "it is " + kind(path) + via
                    + "; results go to a regular file or a new name (a symlink to one is written through)");
        }
        return path;
    }

    /** What a file that is not a regular file is, from its mode bits (S_IFMT). */
    private static String kind(Path path) {
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            return switch (type) {
                case 0040000 -> "a directory";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0010000 -> "a fifo";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "a directory" : "not a regular file";
        }
    }

    private static void probe(Path directory) {
        Path probe = directory.resolve(".nebula-probe-" + ProcessHandle.current().pid());
        try {
            ResultsWriter.writeAtomically(probe, new byte[PROBE_BYTES]); // as the results will be: temp file, sync, move
        } catch (IOException e) {
            throw new NebulaException("cannot write results to " + directory.toAbsolutePath() + ": " + reason(e)
                    + " (a trial write of " + (PROBE_BYTES >> 10) + " KB failed before any benchmark ran)", e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the write failed already; that is the error to report
            }
        }
        long free;
        try {
            free = Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new NebulaException("cannot write results to " + directory.toAbsolutePath() + ": " + reason(e), e);
        }
        if (free < MIN_FREE_BYTES) {
            throw new NebulaException("cannot write results to " + directory.toAbsolutePath() + ": only " + (free >> 10)
                    + " KB free there; a run needs at least " + (MIN_FREE_BYTES >> 20) + " MB. Free some space or choose another place");
        }
    }

    /** The operating system's reason, e.g. "Read-only file system" or "No space left on device". */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
