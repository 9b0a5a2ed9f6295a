package dev.nebula.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.ModuleException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.cli.Watchdog;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle contract of the in-JVM runtimes: independent instances and no growth across many cold starts;
 * and, for those that deploy any wasm module, traps and corrupt modules.
 */
class InJvmRuntimeContractTest {
    private static final int COLD_STARTS = 10_000;
    private static final long HEAP_GROWTH_BOUND_BYTES = 64L << 20;

    /** Runtimes that run any wasm module given to them: only they can be handed a trapping or corrupt one. */
    static Stream<String> wasmRuntimes() {
        return nonEmpty(inJvmRuntimes().filter(id -> Runtimes.byId(id).deploysAnyModule()).toList());
    }

    /** Runtimes that call functions inside this JVM: the handler ABI. */
    static Stream<String> inJvmRuntimes() {
        return nonEmpty(Runtimes.inJvmIds());
    }

    private static Stream<String> nonEmpty(List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalStateException("no registered runtime fits this test; registered: " + Runtimes.ids());
        }
        return ids.stream();
    }

    private static FunctionHost available(String id) {
        FunctionHost runtime = Runtimes.byId(id);
        runtime.requireAvailable();
        return runtime;
    }

    @ParameterizedTest
    @MethodSource("wasmRuntimes")
    void trapIsATrapExceptionAndTheRuntimeStaysUsable(String id) {
        FunctionHost runtime = available(id);
        try (Deployment trapping = runtime.deploy(TestModules.endlessRecursion(CatalogFunction.FIB_REC));
             FunctionInstance instance = trapping.start()) {
            assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FIB_REC, 10));
            assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FIB_REC, 10), "a second trap is a trap too");
        }
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.HANDLER)); FunctionInstance instance = deployment.start()) {
            assertEquals(CatalogFunction.FIB_REC.reference(20), instance.invoke(CatalogFunction.FIB_REC, 20));
        }
    }

    @ParameterizedTest
    @MethodSource("wasmRuntimes")
    void corruptModulesAreModuleExceptions(String id) {
        FunctionHost runtime = available(id);
        for (Abi abi : runtime.abis()) {
            ModuleException notWasm = assertThrows(ModuleException.class, () -> runtime.deploy(TestModules.notWasm(abi)).close());
            assertTrue(notWasm.getMessage().contains("not-wasm.wasm"), "the message names the module: " + notWasm.getMessage());
            assertThrows(ModuleException.class, () -> runtime.deploy(TestModules.truncated(abi)).close());
        }
    }

    @ParameterizedTest
    @MethodSource("inJvmRuntimes")
    void instancesAreIndependent(String id) {
        try (Deployment deployment = available(id).deploy(FunctionArtifact.bundled(Abi.HANDLER))) {
            FunctionInstance first = deployment.start();
            try (FunctionInstance second = deployment.start()) {
                assertEquals(CatalogFunction.FIB.reference(50), first.invoke(CatalogFunction.FIB, 50));
                assertEquals(CatalogFunction.FACT.reference(20), second.invoke(CatalogFunction.FACT, 20));
                first.close();
                assertEquals(CatalogFunction.PRIME.reference(100), second.invoke(CatalogFunction.PRIME, 100), "closing one instance disturbs no other");
                try (FunctionInstance third = deployment.start()) {
                    assertEquals(CatalogFunction.EXP.reference(3), third.invoke(CatalogFunction.EXP, 3));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("inJvmRuntimes")
    void closedInstancesLeaveNoWatchdogGuardBehindInAnyAbi(String id) {
        FunctionHost runtime = available(id);
        for (Abi abi : runtime.abis()) {
            try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(abi))) {
                int baseline = Watchdog.registeredGuards();
                for (int i = 0; i < 5; i++) {
                    try (FunctionInstance instance = deployment.start()) {
                        assertEquals(CatalogFunction.FIB.reference(10), instance.invoke(CatalogFunction.FIB, 10));
                        assertEquals(CatalogFunction.FIB.reference(11), instance.invoke(CatalogFunction.FIB, 11));
                    }
                    assertEquals(CatalogFunction.FIB.reference(12), deployment.coldInvoke(CatalogFunction.FIB, 12, Phases.IGNORED));
                }
                assertEquals(baseline, Watchdog.registeredGuards(),
                        id + " " + abi + ": guards still registered after five closed instances (the watchdog scans each every 10 ms)");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("inJvmRuntimes")
    void tenThousandColdStartsDoNotGrowTheHeap(String id) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Deployment deployment = available(id).deploy(FunctionArtifact.bundled(Abi.HANDLER))) {
            long expected = CatalogFunction.FIB.reference(10);
            for (int i = 0; i < 100; i++) {
                deployment.coldInvoke(CatalogFunction.FIB, 10, Phases.IGNORED); // let caches and compiled code settle first
            }
            long before = usedHeapAfterGc(memory);
            for (int i = 0; i < COLD_STARTS; i++) {
                assertEquals(expected, deployment.coldInvoke(CatalogFunction.FIB, 10, Phases.IGNORED));
            }
            long growth = usedHeapAfterGc(memory) - before;
            assertTrue(growth < HEAP_GROWTH_BOUND_BYTES,
                    id + ": the heap grew by " + (growth >> 20) + " MiB over " + COLD_STARTS + " cold starts");
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
