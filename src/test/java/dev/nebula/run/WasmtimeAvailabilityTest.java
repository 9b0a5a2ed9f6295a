package dev.nebula.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.BuildInfo;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import dev.nebula.Need;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Whether Wasmtime's native library can load, as the launchers ask it ({@link Availability}'s child-JVM answer), in
 * JVMs that allow native access, deny it, or are told not to load the library: the refusals are one line that says
 * what to do, so the default suite skips wasmtime with it and a run naming wasmtime fails with it.
 */
@Tag(Need.CHILD_JVM)
class WasmtimeAvailabilityTest {
    private static final String ANSWER = "nebula-availability " + WasmtimeRuntime.ID + "\t";

    @Test
    void availableWithNativeAccess() throws Exception {
        assertEquals("", problem(List.of(BuildInfo.ENABLE_NATIVE_ACCESS), Map.of()));
    }

    @Test
    void unavailableWhereNativeAccessIsDenied() throws Exception {
        String problem = problem(List.of("--illegal-native-access=deny"), Map.of());
        assertTrue(problem.contains("cannot load") && problem.contains(BuildInfo.ENABLE_NATIVE_ACCESS), problem);
    }

    @Test
    void unavailableWhenTheLibraryIsNotLoaded() throws Exception {
        String problem = problem(List.of(BuildInfo.ENABLE_NATIVE_ACCESS), Map.of("WASMTIME_JNI_LOAD_DISABLED", "1"));
        assertTrue(problem.contains("UnsatisfiedLinkError") && problem.contains("WASMTIME_JNI_LOAD_DISABLED unset"), problem);
    }

    /** The one line a child JVM with {@code flags} and {@code environment} answers for wasmtime; empty when it can run. */
    private static String problem(List<String> flags, Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Availability.class.getName(), WasmtimeRuntime.ID));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), output);
        assertEquals(0, child.exitValue(), output);
        return output.lines().filter(line -> line.startsWith(ANSWER)).findFirst()
                .map(line -> line.substring(ANSWER.length()))
                .orElseThrow(() -> new AssertionError("no answer for wasmtime in:\n" + output));
    }
}
