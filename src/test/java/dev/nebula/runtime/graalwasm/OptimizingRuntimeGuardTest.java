package dev.nebula.runtime.graalwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.BuildInfo;
import dev.nebula.ChildJvm;
import dev.nebula.Need;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard refuses to run GraalWasm in its interpreter. Child JVMs get the test classpath with the flags missing or
 * pointing at an empty dir (the guard must fire), and with the right flags (it must not: so the harness itself works).
 */
class OptimizingRuntimeGuardTest {
    /** Polyglot's own warning, which the guard silences because it reports the fallback itself. */
    private static final String POLYGLOT_FALLBACK_WARNING = "uses a fallback runtime";

    @Test
    void thisJvmHasTheFlagsSoGraalWasmIsOptimizing() {
        new GraalWasmRuntime().requireAvailable();
        assertEquals(OptimizingRuntimeGuard.OPTIMIZING, OptimizingRuntimeGuard.implementationName());
        assertEquals(List.of(), OptimizingRuntimeGuard.missingCompilerJars(), "the build copies the compiler jars to " + BuildInfo.GRAAL_COMPILER_DIR);
    }

    @Test
    @Tag(Need.CHILD_JVM)
    void guardFiresWithoutTheFlags() throws Exception {
        ChildJvm child = runChild(List.of());
        assertEquals(RequireAvailableMain.UNAVAILABLE, child.exitCode(), child.report());
        assertNamesTheFix(child);
        assertTrue(child.output().contains("has no --upgrade-module-path"), child.report());
    }

    @Test
    @Tag(Need.CHILD_JVM)
    void guardFiresWhenTheUpgradeModulePathHoldsNoCompiler(@TempDir Path emptyDir) throws Exception {
        ChildJvm child = runChild(List.of(BuildInfo.UNLOCK_EXPERIMENTAL, BuildInfo.ENABLE_JVMCI, "--upgrade-module-path=" + emptyDir));
        assertEquals(RequireAvailableMain.UNAVAILABLE, child.exitCode(), child.report());
        assertNamesTheFix(child);
        assertTrue(child.output().contains("has --upgrade-module-path=" + emptyDir), child.report());
    }

    @Test
    @Tag(Need.CHILD_JVM)
    void guardPassesInAChildJvmWithTheFlags() throws Exception {
        ChildJvm child = runChild(List.of(BuildInfo.UNLOCK_EXPERIMENTAL, BuildInfo.ENABLE_JVMCI, BuildInfo.GRAAL_UPGRADE_MODULE_PATH));
        assertEquals(0, child.exitCode(), child.report());
        assertTrue(child.output().contains(RequireAvailableMain.AVAILABLE + OptimizingRuntimeGuard.OPTIMIZING), child.report());
    }

    private static void assertNamesTheFix(ChildJvm child) {
        String output = child.output();
        assertTrue(output.contains("GraalWasm would run in its interpreter"), child.report());
        assertTrue(output.contains("'" + OptimizingRuntimeGuard.INTERPRETER + "'"), child.report());
        assertTrue(output.contains("start the JVM with " + BuildInfo.UNLOCK_EXPERIMENTAL + " " + BuildInfo.ENABLE_JVMCI
                + " --upgrade-module-path=" + BuildInfo.GRAAL_COMPILER_DIR), child.report());
        assertFalse(output.contains(POLYGLOT_FALLBACK_WARNING), "the guard's message stands alone: " + child.report());
    }

    private static ChildJvm runChild(List<String> jvmFlags) throws IOException, InterruptedException {
        return ChildJvm.run(ChildJvm.thisJava(), jvmFlags, RequireAvailableMain.class.getName(), List.of());
    }
}
