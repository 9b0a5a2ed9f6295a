package dev.nebula;

/** Facts fixed at build time; absolute, so the benchmarks jar works from any working directory. */
public final class BuildInfo {
    /** The project's root directory, where {@code wasm-modules/} and {@code Dockerfiles/} live. */
    public static final String PROJECT_DIR = "${project.basedir}";

    /** Where the build copied the GraalVM compiler jars for {@code --upgrade-module-path}. */
    public static final String GRAAL_COMPILER_DIR = "${graal.compiler.dir}";

    /**
     * The flag that puts the compiler jars on the module path. With the two below it turns on GraalWasm's
     * optimizing runtime on a stock JDK. Compile-time constants, so {@code @Fork(jvmArgsAppend=...)} can use them.
     */
    public static final String GRAAL_UPGRADE_MODULE_PATH = "--upgrade-module-path=${graal.compiler.dir}";
    public static final String UNLOCK_EXPERIMENTAL = "-XX:+UnlockExperimentalVMOptions";
    public static final String ENABLE_JVMCI = "-XX:+EnableJVMCI";

    /** Where the build writes one JDK AOT cache per in-JVM runtime's one-request host ({@code dev.nebula.bench.AotCacheTraining}). */
    public static final String AOT_CACHE_DIR = "${aot.cache.dir}";

    /** Lets Wasmtime's JNI library load without JDK 25's restricted-method warning (and where native access is denied). */
    public static final String ENABLE_NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    public static final String GRAALVM_VERSION = "${graalvm.version}";
    public static final String CHICORY_VERSION = "${chicory.version}";
    public static final String WASMTIME_JAVA_VERSION = "${wasmtime-java.version}";
    /** The Wasmtime release that wasmtime-java {@link #WASMTIME_JAVA_VERSION} bundles. */
    public static final String WASMTIME_VERSION = "${wasmtime.version}";
    public static final String PROJECT_VERSION = "${project.version}";

    private BuildInfo() {}
}
