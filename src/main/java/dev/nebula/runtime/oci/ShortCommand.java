package dev.nebula.runtime.oci;

import dev.nebula.NebulaException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool run to its end with a time limit (ctr, runc, crun, docker): its exit code and output. For the
 * housekeeping around a request (imports, listings, removals), never for the measured request itself.
 */
public final class ShortCommand {
    private ShortCommand() {}

    /** What a finished command said. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The output's non-blank lines, stripped. */
        public List<String> lines() {
            return stdout.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }

        /** For messages: the command and what it said on stderr. */
        public String describe() {
            return String.join(" ", command) + " exited with " + exitCode + (stderr.isBlank() ? "" : ": " + stderr.strip());
        }
    }

    /** Runs {@code command} with stdin at end-of-file; one that outlives {@code limit} is killed and is an error. */
    public static Result run(Duration limit, List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new NebulaException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        // Both streams are read aside, so that a command that hangs with its pipes open still meets the limit.
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NebulaException(String.join(" ", command) + " did not finish within " + limit.toMillis() + " ms");
            }
            return new Result(command, process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NebulaException("interrupted while running " + String.join(" ", command), e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Like {@link #run}, but a non-zero exit is an error that carries the command's stderr. */
    public static Result require(Duration limit, List<String> command) {
        Result result = run(limit, command);
        if (!result.ok()) {
            throw new NebulaException(result.describe());
        }
        return result;
    }

    /** Whether {@code tool} is an executable in a directory of PATH. */
    public static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
