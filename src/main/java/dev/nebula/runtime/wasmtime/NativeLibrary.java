package dev.nebula.runtime.wasmtime;

import dev.nebula.BuildInfo;
import dev.nebula.RuntimeUnavailableException;
import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.NativeLibraryLoader;

/**
 * Whether wasmtime-java's JNI library loads and answers in this JVM. It ships builds for linux and macOS on x86_64
 * and aarch64 only, and JDK 25 refuses {@code System.load} when native access is denied; both fail here, once,
 * with one line that says what to do, instead of as an {@link UnsatisfiedLinkError} at the first request.
 */
final class NativeLibrary {
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
        } catch (RuntimeException | LinkageError e) {
            problem = "Wasmtime's native library (wasmtime-java " + BuildInfo.WASMTIME_JAVA_VERSION + ") cannot load on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " in this JVM: "
                    + oneLine(e) + "; it needs linux or macOS on x86_64 or aarch64, a JVM started with "
                    + BuildInfo.ENABLE_NATIVE_ACCESS + ", and WASMTIME_JNI_LOAD_DISABLED unset";
        }
        probed = true;
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
