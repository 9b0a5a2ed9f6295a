package dev.nebula.results;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a finished run's files so that none is lost and none is half-written. Each file is written whole to a
 * temporary file beside its target (a uniquely named dot file), synced, and moved into place atomically. When that fails (a read-only or full
 * disk), the file goes to a fallback directory under the system's temporary directory
 * ({@code nebula-results-<stamp>}), and every later file follows it there, so the set stays together. No
 * {@code *.tmp} is left anywhere. {@link #summary()} says which file went where, and which could not be written, and why.
 */
public final class ResultsWriter {
    /** Fills one file; it may throw, e.g. when JMH's formatter fails. */
    public interface Content {
        void write(PrintStream out) throws IOException;
    }

    /** One file: where it was meant to go, where it went (null if nowhere), and why it is not where it was meant to be. */
    public record Outcome(String label, Path wanted, Path written, String problem) {
        public boolean ok() {
            return written != null;
        }

        public boolean fellBack() {
            return written != null && !written.equals(wanted);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String stamp;
    private final List<Outcome> outcomes = new ArrayList<>();
    private Path fallback;

    /** @param stamp names the fallback directory, e.g. the run's timestamp */
    public ResultsWriter(String stamp) {
        this.stamp = stamp;
    }

    /**
     * Writes {@code target}, or its fallback; returns where it went, or null when it could be written nowhere.
     * {@code label} names the file in {@link #summary()}, e.g. "results".
     */
    public Path write(String label, Path target, Content content) {
        byte[] bytes;
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
            try (PrintStream out = new PrintStream(buffer, false, StandardCharsets.UTF_8)) {
                content.write(out);
            }
            bytes = buffer.toByteArray();
        } catch (IOException | RuntimeException e) {
            return record(new Outcome(label, target, null, "could not produce its content: " + e));
        }
        String problem = null;
        if (fallback == null) {
            try {
                writeAtomically(target, bytes);
                return record(new Outcome(label, target, target, null));
            } catch (IOException e) {
                problem = ResultsLocation.reason(e);
            }
        }
        try {
            if (fallback == null) {
                fallback = Files.createTempDirectory("nebula-results-" + stamp + "-");
            }
            Path there = fallback.resolve(target.getFileName());
            writeAtomically(there, bytes);
            return record(new Outcome(label, target, there, problem == null ? "an earlier file fell back here" : problem));
        } catch (IOException e) {
            return record(new Outcome(label, target, null, (problem == null ? "" : problem + "; ") + "and in the fallback directory: "
                    + ResultsLocation.reason(e)));
        }
    }

    private Path record(Outcome outcome) {
        outcomes.add(outcome);
        return outcome.written();
    }

    /** Every file, in order. */
    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Whether every file is where it was meant to be. */
    public boolean allInPlace() {
        return outcomes.stream().allMatch(outcome -> outcome.ok() && !outcome.fellBack());
    }

    /** One line per file, for the console: where it is, or that it is missing and why. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (!outcome.ok()) {
                lines.add(String.format("%-8s NOT WRITTEN: %s: %s", outcome.label(), outcome.wanted().toAbsolutePath(), outcome.problem()));
            } else if (outcome.fellBack()) {
                lines.add(String.format("%-8s %s   (the fallback: not written to %s: %s)", outcome.label(),
                        outcome.written().toAbsolutePath(), outcome.wanted().toAbsolutePath(), outcome.problem()));
            } else {
                lines.add(String.format("%-8s %s", outcome.label(), outcome.written().toAbsolutePath()));
            }
        }
        return lines;
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code target}, syncs it and moves it into place: a failed
     * write leaves neither a half file nor the temporary one. A symlink stays a symlink: the file it leads to is
     * replaced, with the temporary file beside that one. A target that is a device, directory, fifo or socket is
     * refused ({@link ResultsLocation#destination}). The temporary name is unique per JVM and call, so two runs
     * writing one file never share it. The one atomic write: other writers of result files (the report, the load
     * report) should call it rather than repeat it.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path destination = ResultsLocation.destination(target);
        Path temporary = destination.resolveSibling("." + destination.getFileName() + "." + ProcessHandle.current().pid()
                + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the write's own error is the one to report
            }
            throw e;
        }
    }
}
