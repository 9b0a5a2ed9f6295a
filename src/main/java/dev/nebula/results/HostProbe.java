package dev.nebula.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A host command's answer ({@code docker}, {@code git}, {@code uname}) for the run's records: its trimmed stdout, or
 * empty when the command is missing, fails or hangs, since a record the host cannot give is "unknown", not an error.
 */
final class HostProbe {
    static final long TIMEOUT_SECONDS = 20;

    private HostProbe() {}

    static Optional<String> output(String... command) {
        Path out = null;
        try {
            // stdout to a file, not a pipe: a chatty command cannot block on a full pipe while we wait for it
            out = Files.createTempFile("nebula-command", ".out");
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(Files.readString(out).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            deleteQuietly(out);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
