package dev.nebula.bench;

import dev.nebula.BuildInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The JVM flags every fork needs, as {@code @Fork(jvmArgsAppend = ...)} gives them: GraalWasm's optimizing runtime,
 * and native access for Wasmtime's JNI library (JDK 25 warns without it, or refuses when native access is denied). JMH's {@code -jvmArgsAppend} option replaces that list instead of adding to it, so the launchers put the
 * flags back into a user's {@code -jvmArgsAppend}: without them GraalWasm's guard would (rightly) refuse to run.
 */
final class ForkFlags {
    static final List<String> FLAGS = List.of(BuildInfo.UNLOCK_EXPERIMENTAL, BuildInfo.ENABLE_JVMCI,
            BuildInfo.GRAAL_UPGRADE_MODULE_PATH, BuildInfo.ENABLE_NATIVE_ACCESS);
    static final String JVM_ARGS_APPEND = "-jvmArgsAppend";

    private ForkFlags() {}

    /** {@code jvmArgs} followed by whichever fork flags it lacks. */
    static List<String> with(Collection<String> jvmArgs) {
        List<String> all = new ArrayList<>(jvmArgs);
        FLAGS.stream().filter(flag -> !all.contains(flag)).forEach(all::add);
        return all;
    }

    /** Command-line arguments with the fork flags added to a {@code -jvmArgsAppend} value, if there is one. */
    static List<String> inJvmArgsAppend(List<String> args) {
        List<String> fixed = new ArrayList<>(args);
        for (int i = 0; i < fixed.size(); i++) {
            String arg = fixed.get(i);
            if (arg.equals(JVM_ARGS_APPEND) && i + 1 < fixed.size()) {
                fixed.set(i + 1, String.join(" ", with(List.of(fixed.get(i + 1).strip().split("\\s+")))));
            } else if (arg.startsWith(JVM_ARGS_APPEND + "=")) {
                String value = arg.substring(JVM_ARGS_APPEND.length() + 1);
                fixed.set(i, JVM_ARGS_APPEND + "=" + String.join(" ", with(List.of(value.strip().split("\\s+")))));
            }
        }
        return fixed;
    }
}
