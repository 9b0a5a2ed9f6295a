package dev.nebula.runtime.wasmtime;

import dev.nebula.NebulaException;
import dev.nebula.runtime.OwnedTempDirectories;
import io.github.kawamuray.wasmtime.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Wasmtime's on-disk compilation cache, in a private directory of its own: an engine configured with it stores
 * the code Cranelift compiled for a module, keyed by the module's bytes and the compiler's settings, and a later
 * engine loads that code instead of compiling again. This is the nearest the binding comes to the thesis's
 * per-request {@code Module::deserialize} (wasmtime-java 0.19 has no {@code Module.deserialize}).
 *
 * <p>Whether a deploy loaded or compiled is not reported by Wasmtime, so it is read from the directory: a compile
 * writes its entry anew (a new file, renamed into place), and a load only reads it. {@link #entries} and
 * {@link #requireOnlyLoadedSince} let a benchmark prove, outside its measurement, that it timed loads.
 */
public final class CompileCache implements AutoCloseable {
    /** Wasmtime keeps a usage-statistics file beside each entry, rewritten on loads too: not an entry. */
    private static final String STATISTICS_SUFFIX = ".stats";

    /** Loads before Wasmtime's worker would recompress an entry: more than any run makes (an SI-prefixed count). */
    private static final String NO_RECOMPRESSION = "1P";

    private final Path directory;
    private final Path configFile;

    private CompileCache(Path directory) throws IOException {
        this.directory = directory;
        this.configFile = directory.resolve("wasmtime-cache.toml");
        // A TOML literal string: the path is taken as written, with no escapes to get wrong. Wasmtime's cache worker
        // recompresses an entry after 256 loads, by default, rewriting its file; that would hide a compile from
        // requireOnlyLoadedSince, so the entry stays as the compile wrote it (zstd level 3, the default).
        Files.writeString(configFile, "[cache]\nenabled = true\ndirectory = '" + directory.resolve("entries") + "'\n"
                + "optimized-compression-usage-counter-threshold = '" + NO_RECOMPRESSION + "'\n");
    }

    /** A new, empty cache in a directory of its own ({@code nebula-wasmtime-cache-<pid>-*}), removed at close. */
    public static CompileCache create() {
        try {
            return new CompileCache(OwnedTempDirectories.create("wasmtime-cache"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for Wasmtime's compilation cache", e);
        }
    }

    /** Makes engines built from {@code config} use this cache. */
    void configure(Config config) {
        config.cacheConfigLoad(configFile);
    }

    /** The compiled modules in the cache now, each with the identity of the file that holds it. */
    public Map<Path, String> entries() {
        Path root = directory.resolve("entries");
        if (!Files.isDirectory(root)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(STATISTICS_SUFFIX))
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .collect(Collectors.toMap(root::relativize, CompileCache::identity, (a, b) -> a, TreeMap::new));
        } catch (IOException | UncheckedIOException e) {
            throw new NebulaException("cannot list Wasmtime's compilation cache in " + root + ": " + e.getMessage(), e);
        }
    }

    /** A file's inode, size and modification time: a rewritten entry, even of the same bytes, has another. */
    private static String identity(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.fileKey() + "/" + attributes.size() + "/" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Throws unless the cache holds a compiled module and every entry is the file it was at {@code before}: then no
     * deploy since compiled and stored anew, so each one loaded. {@code what} names the deploys in the message.
     */
    public void requireOnlyLoadedSince(Map<Path, String> before, String what) {
        if (before.isEmpty()) {
            throw new NebulaException(what + ": Wasmtime's compilation cache in " + directory + " is empty after a compile,"
                    + " so Wasmtime did not use it; its configuration is " + configFile);
        }
        Map<Path, String> now = entries();
        if (!now.equals(before)) {
            throw new NebulaException(what + ": Wasmtime compiled and stored a module again instead of loading it from its"
                    + " cache (entries before " + before + ", now " + now + "), so the time is not a load from the cache");
        }
    }

    @Override
    public void close() {
        try {
            OwnedTempDirectories.deleteTree(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove Wasmtime's compilation cache " + directory, e);
        }
    }

    @Override
    public String toString() {
        return "Wasmtime's compilation cache in " + directory;
    }
}
