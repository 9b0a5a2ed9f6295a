package dev.nebula.serve;

import java.nio.file.Path;

/**
 * The settings of uploads.
 *
 * @param store          the store directory; default {@code $XDG_DATA_HOME/nebula/functions}, or
 *                       {@code ~/.local/share/nebula/functions} without XDG_DATA_HOME
 * @param maxModuleBytes the largest module or binary accepted; a larger body is refused with 413 as soon as it passes this
 * @param allowNative    whether {@code PUT /functions/{name}/binary} is accepted; its binaries run only in containers
 */
record UploadOptions(Path store, long maxModuleBytes, boolean allowNative) {
    static final long DEFAULT_MAX_MODULE = 16L * 1024 * 1024;
    static final OptionRange MAX_MODULE = new OptionRange("--max-module", 1, 1L << 30);

    UploadOptions {
        MAX_MODULE.require(maxModuleBytes);
    }

    static UploadOptions defaults() {
        return new UploadOptions(defaultStore(), DEFAULT_MAX_MODULE, false);
    }

    /** {@code ${XDG_DATA_HOME:-~/.local/share}/nebula/functions}, as the XDG base directory spec places user data. */
    static Path defaultStore() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return data.resolve("nebula").resolve("functions");
    }

    UploadOptions withStore(Path newStore) {
        return new UploadOptions(newStore, maxModuleBytes, allowNative);
    }

    UploadOptions withMaxModule(long newMaxModuleBytes) {
        return new UploadOptions(store, newMaxModuleBytes, allowNative);
    }

    UploadOptions withAllowNative(boolean newAllowNative) {
        return new UploadOptions(store, maxModuleBytes, newAllowNative);
    }

    /** A size as people read it: {@code 16 MiB}. */
    static String mebibytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : String.format("%.1f MiB", bytes / 1048576.0);
    }
}
