package dev.nebula.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvocationTimeoutException;
import dev.nebula.ModuleException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.cli.ColdPhases;
import dev.nebula.runtime.cli.PhaseAssertions;
import dev.nebula.Need;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the process runtime promises beyond the shared matrix: phases, timeouts, and failures that say what happened. */
class ProcessRuntimeTest {
    /**
     * fib-rec 40 computes for about 0.3 s natively, three times this limit, so it always times out; a warm fib 10
     * takes microseconds, so it never does.
     */
    private static final Duration TINY_TIMEOUT = Duration.ofMillis(100);

    @Test
    @Tag(Need.NATIVE)
    void coldStartRecordsForkExecComputeAndExitInOrder() {
        try (Deployment deployment = new ProcessRuntime().deploy(FunctionArtifact.bundled(Abi.CLI))) {
            Phases phases = Phases.recording();
            assertEquals(CatalogFunction.FIB_REC.reference(25), deployment.coldInvoke(CatalogFunction.FIB_REC, 25, phases));
            assertEquals(List.of(ColdPhases.START, ColdPhases.COMPUTE, ColdPhases.EXIT), PhaseAssertions.assertInOrder(phases));
        }
    }

    @Test
    @Tag(Need.NATIVE)
    void hungColdInvocationIsKilled() {
        try (Deployment deployment = new ProcessRuntime(TINY_TIMEOUT).deploy(FunctionArtifact.bundled(Abi.CLI))) {
            Phases phases = Phases.recording();
            assertThrows(InvocationTimeoutException.class, () -> deployment.coldInvoke(CatalogFunction.FIB_REC, 40, phases));
            assertEquals(0, phases.count(), "a failed cold start records no partial breakdown: " + phases);
            try (FunctionInstance instance = deployment.start()) {
                assertEquals(CatalogFunction.FIB.reference(10), instance.invoke(CatalogFunction.FIB, 10), "the deployment stays usable");
            }
        }
    }

    @Test
    @Tag(Need.NATIVE)
    void hungWarmInvocationKillsTheServerAndTheInstanceSaysSo() {
        try (Deployment deployment = new ProcessRuntime(TINY_TIMEOUT).deploy(FunctionArtifact.bundled(Abi.CLI))) {
            FunctionInstance instance = deployment.start();
            assertEquals(CatalogFunction.FIB.reference(10), instance.invoke(CatalogFunction.FIB, 10));
            long serversBefore = nebulaServers();
            assertThrows(InvocationTimeoutException.class, () -> instance.invoke(CatalogFunction.FIB_REC, 40));
            assertEquals(serversBefore - 1, nebulaServers(), "the hung server process is gone");
            TrapException gone = assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FIB, 10));
            assertTrue(gone.getMessage().contains("start a new instance"), gone.getMessage());
            try (FunctionInstance fresh = deployment.start()) {
                assertEquals(CatalogFunction.FIB.reference(10), fresh.invoke(CatalogFunction.FIB, 10));
            }
        }
    }

    @Test
    void aModuleThatIsNotANativeExecutableIsRejectedAtDeploy() {
        FunctionArtifact garbage = new FunctionArtifact(Abi.CLI, "not-an-executable", "#!/bin/sh\necho 55\n".getBytes(StandardCharsets.UTF_8));
        ModuleException e = assertThrows(ModuleException.class, () -> new ProcessRuntime().deploy(garbage));
        assertTrue(e.getMessage().contains("not an ELF executable"), e.getMessage());
    }

    @Test
    @Tag(Need.NATIVE)
    void aBinaryThatCrashesIsATrapWithItsExitCode() {
        // The real binary cut short: a valid ELF header whose code is missing, so it dies of SIGSEGV (exit 139).
        byte[] bytes = FunctionArtifact.bundled(Abi.CLI).bytes();
        FunctionArtifact truncated = new FunctionArtifact(Abi.CLI, "truncated-nebula", Arrays.copyOf(bytes, 4096));
        try (Deployment deployment = new ProcessRuntime().deploy(truncated)) {
            TrapException e = assertThrows(TrapException.class, () -> deployment.coldInvoke(CatalogFunction.FIB, 10, Phases.IGNORED));
            assertTrue(e.getMessage().contains("exited with code 139"), e.getMessage());
        }
    }

    @Test
    void otherAbisAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ProcessRuntime().deploy(FunctionArtifact.bundled(Abi.HANDLER)));
    }

    /** This JVM's child processes that are a serving nebula binary. */
    private static long nebulaServers() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(args -> args.length == 1 && args[0].equals("serve")).orElse(false))
                .count();
    }
}
