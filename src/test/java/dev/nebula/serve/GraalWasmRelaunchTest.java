package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.BuildInfo;
import dev.nebula.runtime.graalwasm.GraalWasmRuntime;
import org.junit.jupiter.api.Test;

/** The relaunched server's JVM gets the flags the runtimes declare in their descriptors, each once, and nothing else. */
class GraalWasmRelaunchTest {

    @Test
    void relaunchesWithTheFlagsTheRuntimesDescriptorsDeclare() {
        // GraalWasm is today the one runtime with JVM flags of its own; Chicory's three share none, so nothing repeats.
        assertEquals(GraalWasmRuntime.DESCRIPTOR.forkJvmFlags(), GraalWasmRelaunch.runtimeJvmFlags());
        assertTrue(GraalWasmRelaunch.runtimeJvmFlags().contains(BuildInfo.ENABLE_JVMCI));
    }
}
