package dev.nebula.runtime.wasmtime;

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
import dev.nebula.runtime.TestModules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What is Wasmtime's own: epoch-interruption time limits, its traps, the WASI command's exit code and phases, the
 * deploy-time checks, and that closing frees every native object (else ~16,000 instances exhaust the address space).
 */
class WasmtimeRuntimeTest {
    /** Far above fib-rec(20) (~tens of µs), far below fib-rec(40) (~a second). */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(50);

    private final WasmtimeRuntime runtime = new WasmtimeRuntime();

    @Test
    void aCallOverItsTimeLimitIsInterruptedAndTheSameInstanceAnswersAfterwards() {
        try (Deployment deployment = new WasmtimeRuntime(SHORT_TIMEOUT).deploy(FunctionArtifact.bundled(Abi.HANDLER));
             FunctionInstance instance = deployment.start()) {
            InvocationTimeoutException timeout = assertThrows(InvocationTimeoutException.class,
                    () -> instance.invoke(CatalogFunction.FIB_REC, CatalogFunction.FIB_REC.maxInput()));
            assertTrue(timeout.getMessage().contains("fib-rec(40)") && timeout.getMessage().contains("50 ms"), timeout.getMessage());
            assertEquals(CatalogFunction.FIB_REC.reference(20), instance.invoke(CatalogFunction.FIB_REC, 20), "the interrupted store runs again");
            assertEquals(CatalogFunction.FIB_REC.reference(20), deployment.coldInvoke(CatalogFunction.FIB_REC, 20, Phases.IGNORED));
        }
    }

    @Test
    void anInstanceIdleForLongerThanItsTimeLimitGetsAFreshLimit() throws InterruptedException {
        try (Deployment deployment = new WasmtimeRuntime(SHORT_TIMEOUT).deploy(FunctionArtifact.bundled(Abi.HANDLER));
             FunctionInstance instance = deployment.start()) {
            assertEquals(CatalogFunction.FIB.reference(10), instance.invoke(CatalogFunction.FIB, 10));
            Thread.sleep(SHORT_TIMEOUT.multipliedBy(3)); // the epoch passes the deadline the last call was given
            assertEquals(CatalogFunction.FIB_REC.reference(20), instance.invoke(CatalogFunction.FIB_REC, 20));
        }
    }

    @Test
    void aRunawayLoopIsInterrupted() {
        try (Deployment deployment = new WasmtimeRuntime(SHORT_TIMEOUT).deploy(TestModules.endlessLoop(CatalogFunction.FIB));
             FunctionInstance instance = deployment.start()) {
            assertThrows(InvocationTimeoutException.class, () -> instance.invoke(CatalogFunction.FIB, 1));
            assertThrows(InvocationTimeoutException.class, () -> instance.invoke(CatalogFunction.FIB, 1), "every call gets its own limit");
        }
    }

    @Test
    void aWasiCommandOverItsTimeLimitIsInterruptedAndTheDeploymentAnswersAfterwards() {
        try (Deployment deployment = new WasmtimeRuntime(SHORT_TIMEOUT).deploy(FunctionArtifact.bundled(Abi.WASI));
             FunctionInstance instance = deployment.start()) {
            assertThrows(InvocationTimeoutException.class, () -> instance.invoke(CatalogFunction.FIB_REC, CatalogFunction.FIB_REC.maxInput()));
            assertEquals(CatalogFunction.FIB_REC.reference(20), instance.invoke(CatalogFunction.FIB_REC, 20));
        }
    }

    @Test
    void trapsAreTrapExceptionsNamingTheTrap() {
        try (Deployment deployment = runtime.deploy(TestModules.unreachable(CatalogFunction.FACT)); FunctionInstance instance = deployment.start()) {
            TrapException trap = assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FACT, 1));
            assertTrue(trap.getMessage().contains("UNREACHABLE_CODE_REACHED"), trap.getMessage());
            assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FACT, 1), "the trapped store still runs, and traps again");
        }
        try (Deployment deployment = runtime.deploy(TestModules.endlessRecursion(CatalogFunction.FIB_REC)); FunctionInstance instance = deployment.start()) {
            TrapException trap = assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FIB_REC, 1));
            assertTrue(trap.getMessage().contains("STACK_OVERFLOW"), trap.getMessage());
            ModuleException missing = assertThrows(ModuleException.class, () -> instance.invoke(CatalogFunction.FIB, 1));
            assertTrue(missing.getMessage().contains("'" + CatalogFunction.FIB.exportName() + "'"), missing.getMessage());
        }
    }

    @Test
    void wasiNonZeroExitIsATrapWithItsCodeAndStderr() {
        try (Deployment deployment = runtime.deploy(TestModules.exitsWithCode2()); FunctionInstance instance = deployment.start()) {
            TrapException warm = assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FIB, 5));
            assertTrue(warm.getMessage().contains("exited with code 2"), warm.getMessage());
            assertTrue(warm.getMessage().contains("stderr: bad input"), warm.getMessage());
            assertThrows(TrapException.class, () -> deployment.coldInvoke(CatalogFunction.FIB, 5, Phases.IGNORED));
        }
    }

    @Test
    void aWasiColdRequestRecordsContextInstantiateRunClose() {
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.WASI))) {
            Phases phases = Phases.recording();
            assertEquals(CatalogFunction.FIB.reference(3500), deployment.coldInvoke(CatalogFunction.FIB, 3500, phases));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < phases.count(); i++) {
                names.add(phases.name(i));
            }
            assertEquals(List.of("context", "instantiate", "run", "close"), names);
        }
    }

    @Test
    void eachAbiRefusesTheOthersModule() {
        ModuleException handler = assertThrows(ModuleException.class,
                () -> runtime.deploy(new FunctionArtifact(Abi.HANDLER, Abi.WASI.artifactName(), FunctionArtifact.bundled(Abi.WASI).bytes())).close());
        assertTrue(handler.getMessage().contains("provides no imports") && handler.getMessage().contains("nebula-wasi.wasm"), handler.getMessage());
        ModuleException wasi = assertThrows(ModuleException.class,
                () -> runtime.deploy(new FunctionArtifact(Abi.WASI, Abi.HANDLER.artifactName(), FunctionArtifact.bundled(Abi.HANDLER).bytes())).close());
        assertTrue(wasi.getMessage().contains("not a WASI command"), wasi.getMessage());
        assertThrows(IllegalArgumentException.class, () -> runtime.deploy(new FunctionArtifact(Abi.CLI, "nebula", new byte[0])));
    }

    @Test
    void twentyThousandInstancesRunBecauseCloseFreesThem() {
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.HANDLER))) {
            long expected = CatalogFunction.FIB.reference(3500);
            for (int i = 0; i < 20_000; i++) {
                assertEquals(expected, deployment.coldInvoke(CatalogFunction.FIB, 3500, Phases.IGNORED));
            }
        }
    }

    @Test
    void liveWasiInstancesKeepTheirOwnOutputAndClosedOnesPassItOn() {
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.WASI))) {
            FunctionInstance first = deployment.start();
            try (FunctionInstance second = deployment.start()) {
                assertEquals(CatalogFunction.FIB.reference(90), first.invoke(CatalogFunction.FIB, 90));
                assertEquals(CatalogFunction.PRIME.reference(100), second.invoke(CatalogFunction.PRIME, 100));
                assertEquals(CatalogFunction.EXP.reference(3), first.invoke(CatalogFunction.EXP, 3));
                first.close();
                try (FunctionInstance third = deployment.start()) {
                    assertEquals(CatalogFunction.FIB.reference(10), third.invoke(CatalogFunction.FIB, 10), "a reused output file holds only this run (shorter than the last)");
                    assertEquals(CatalogFunction.PRIME.reference(7), second.invoke(CatalogFunction.PRIME, 7));
                }
            }
        }
    }

    @Test
    void closingAWasiDeploymentRemovesItsOutputFiles() throws IOException {
        Set<Path> before = outputDirectories();
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.WASI))) {
            FunctionInstance instance = deployment.start();
            assertEquals(CatalogFunction.PRIME.reference(100), instance.invoke(CatalogFunction.PRIME, 100));
            instance.close();
            deployment.coldInvoke(CatalogFunction.FIB, 10, Phases.IGNORED);
        }
        assertEquals(before, outputDirectories());
    }

    private static Set<Path> outputDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(WasiDeployment.OUTPUT_PARENT)) {
            return entries.filter(path -> path.getFileName().toString().startsWith("nebula-wasmtime-")).collect(Collectors.toSet());
        }
    }
}
