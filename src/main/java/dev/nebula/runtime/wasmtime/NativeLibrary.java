package dev.nebula.runtime.wasmtime;

import dev.nebula.BuildInfo;
import dev.nebula.RuntimeUnavailableException;
import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.NativeLibraryLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether wasmtime-java's JNI library loads and answers in this JVM. It ships builds for linux and macOS on x86_64
 * and aarch64 only, and JDK 25 refuses {@code System.load} when native access is denied; both fail here, once,
 * with one line that says what to do, instead of as an {@link UnsatisfiedLinkError} at the first request.
 */
final class NativeLibrary {
    /** How wasmtime-java names the copy of its library it extracts (then a random number and {@code .so}). */
    private static final String EXTRACTED_PREFIX = "libwasmtime_jni_" + BuildInfo.WASMTIME_JAVA_VERSION + "_";

    /** Null when the library works, else why not; probed once, since neither the platform nor the JVM's flags change. */
    private static volatile String problem;
    private static volatile boolean probed;

    private NativeLibrary() {}

    static void require() {
        if (!probed) {
            probe();
        }
        if (problem != null) {
            throw new RuntimeUnavailableException(problem);
        }
    }

    private static synchronized void probe() {
        if (probed) {
            return;
        }
        try {
            NativeLibraryLoader.init();
            new Config().dispose(); // a native call: proves the library is loaded, not just that loading was skipped
            removeExtractedCopy();
        } catch (RuntimeException | LinkageError e) {
            problem = "Wasmtime's native library (wasmtime-java " + BuildInfo.WASMTIME_JAVA_VERSION + ") cannot load on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " in this JVM: "
                    + oneLine(e) + "; it needs linux or macOS on x86_64 or aarch64, a JVM started with "
                    + BuildInfo.ENABLE_NATIVE_ACCESS + ", and WASMTIME_JNI_LOAD_DISABLED unset";
        }
        probed = true;
    }

    /**
     * wasmtime-java copies its 18 MB library to a new temporary file in every JVM and never deletes it, so every
     * benchmark fork would leave one behind. Once the library is mapped the file is no longer needed: this JVM's own
     * copy, found in /proc/self/maps (Linux), is deleted. Elsewhere it stays, as wasmtime-java leaves it.
     */
    private static void removeExtractedCopy() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return;
        }
        Path temporary = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        try (Stream<String> lines = Files.lines(maps)) {
            List<Path> copies = lines.map(line -> line.substring(line.indexOf('/') < 0 ? line.length() : line.indexOf('/')))
                    .filter(path -> path.endsWith(".so"))
                    .map(Path::of)
                    .filter(path -> path.getFileName().toString().startsWith(EXTRACTED_PREFIX) && temporary.equals(path.getParent()))
                    .distinct()
                    .toList();
            for (Path copy : copies) {
                Files.deleteIfExists(copy);
            }
        } catch (IOException | UncheckedIOException e) {
            // Only a leftover file: the runtime works regardless.
        }
    }

    private static String oneLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
