package dev.nebula.runtime.graalwasm;

import dev.nebula.BuildInfo;
import dev.nebula.RuntimeUnavailableException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graalvm.polyglot.Engine;

/**
 * Fails loudly when GraalWasm would run in Truffle's interpreter instead of compiling wasm to machine code.
 * On a stock JDK that happens silently whenever the JVM flags are missing or the compiler dir is wrong or empty.
 */
final class OptimizingRuntimeGuard {
    /** What {@link Engine#getImplementationName()} reports for Truffle's fallback (interpreter-only) runtime. */
    static final String INTERPRETER = "Interpreted";
    /** What it reports on Temurin with the compiler jars on the upgrade module path (observed with GraalVM 25.0.2). */
    static final String OPTIMIZING = "GraalVM CE";

    /** The jars the pom copies into {@link BuildInfo#GRAAL_COMPILER_DIR}. */
    static final List<String> COMPILER_JARS = List.of("compiler", "truffle-compiler", "collections", "word").stream()
            .map(artifact -> artifact + "-" + BuildInfo.GRAALVM_VERSION + ".jar")
            .toList();

    private static volatile String implementationName;

    private OptimizingRuntimeGuard() {}

    /** The Truffle runtime this JVM gives every engine; fixed at JVM start, so probed once. */
    static String implementationName() {
        String name = implementationName;
        if (name == null) {
            // The guard reports the fallback itself, loudly; polyglot's own stderr warning would only repeat it.
            try (Engine probe = Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build()) {
                name = probe.getImplementationName();
            }
            implementationName = name;
        }
        return name;
    }

    static void require() {
        String name = implementationName();
        if (INTERPRETER.equals(name)) {
            throw new RuntimeUnavailableException("GraalWasm would run in its interpreter (Engine.getImplementationName() is '"
                    + name + "', not '" + OPTIMIZING + "'): start the JVM with "
                    + String.join(" ", GraalWasmRuntime.DESCRIPTOR.forkJvmFlags()) + ". " + diagnosis());
        }
    }

    /** What exactly is missing in this JVM: flags, or jars in the dir. */
    static String diagnosis() {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        StringBuilder text = new StringBuilder("This JVM");
        List<String> missingFlags = List.of(BuildInfo.UNLOCK_EXPERIMENTAL, BuildInfo.ENABLE_JVMCI).stream()
                .filter(flag -> !arguments.contains(flag))
                .toList();
        text.append(missingFlags.isEmpty() ? " has " + BuildInfo.ENABLE_JVMCI : " lacks " + String.join(" ", missingFlags));
        // The launcher turns --upgrade-module-path into this property; a wrong or empty dir is silently ignored.
        String upgradePath = System.getProperty("jdk.module.upgrade.path");
        text.append(upgradePath == null ? " and has no --upgrade-module-path" : " and has --upgrade-module-path=" + upgradePath);
        text.append(upgradePath == null || upgradePath.equals(BuildInfo.GRAAL_COMPILER_DIR) ? "" : " (not " + BuildInfo.GRAAL_COMPILER_DIR + ")");
        List<String> missingJars = missingCompilerJars();
        text.append(". ").append(BuildInfo.GRAAL_COMPILER_DIR);
        text.append(missingJars.isEmpty()
                ? " holds the four compiler jars."
                : " lacks " + String.join(", ", missingJars) + "; run mvn package (or mvn generate-resources) to copy them there.");
        return text.toString();
    }

    static List<String> missingCompilerJars() {
        Path dir = Path.of(BuildInfo.GRAAL_COMPILER_DIR);
        return COMPILER_JARS.stream().filter(jar -> !Files.isRegularFile(dir.resolve(jar))).toList();
    }
}
