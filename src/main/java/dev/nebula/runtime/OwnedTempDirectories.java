package dev.nebula.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Temporary directories that carry the pid of the JVM that made them ({@code nebula-<kind>-<pid>-<random>}), so
 * that the directories of a JVM that was killed (SIGKILL runs no shutdown hook) are removed the next time any JVM
 * makes one of the same kind, as the containers of dead JVMs are. A directory whose pid is alive is never touched.
 */
public final class OwnedTempDirectories {
    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));
    private static final Set<String> SWEPT = ConcurrentHashMap.newKeySet();

    private OwnedTempDirectories() {}

    /** A new directory {@code nebula-<kind>-<pid>-*}, deleted at exit; first removes those of dead JVMs. */
    public static Path create(String kind) throws IOException {
        if (SWEPT.add(kind)) {
            sweep(TEMP, kind);
        }
        Path directory = Files.createTempDirectory(TEMP, prefix(kind) + ProcessHandle.current().pid() + "-");
        directory.toFile().deleteOnExit();
        return directory;
    }

    private static String prefix(String kind) {
        return "nebula-" + kind + "-";
    }

    /** Removes every {@code nebula-<kind>-<pid>-*} in {@code parent} whose pid no longer runs; returns how many. */
    static int sweep(Path parent, String kind) {
        Pattern owned = Pattern.compile(Pattern.quote(prefix(kind)) + "(\\d+)-.*");
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix(kind) + "*")) {
            for (Path entry : entries) {
                Matcher matcher = owned.matcher(entry.getFileName().toString());
                if (matcher.matches() && Files.isDirectory(entry) && !alive(Long.parseLong(matcher.group(1)))) {
                    deleteTree(entry);
                    removed++;
                }
            }
        } catch (IOException e) {
            System.err.println("nebula: could not sweep " + parent + "/" + prefix(kind) + "* of dead JVMs: " + e);
        }
        return removed;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).isPresent();
    }

    /** Deletes {@code directory} and everything in it; a directory already gone is not an error. */
    public static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
