package dev.nebula.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.ContractException;
import dev.nebula.ContractException.Violation;
import dev.nebula.InvocationTimeoutException;
import dev.nebula.NebulaException;
import dev.nebula.TrapException;
import dev.nebula.runtime.chicory.ChicoryRuntime;
import dev.nebula.runtime.process.ProcessRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user-function contract on every runtime that runs it here (Docker's is {@code UserFunctionContainerTest}), with
 * the foreign fixtures: collatz answers as its README says, cold and warm; every bad module or run is a one-line error
 * of its own kind.
 */
class UserFunctionTest {
    private static final String LIMIT = "1s";
    @RegisterExtension
    static final TimeLimit TIME_LIMIT = new TimeLimit(LIMIT);

    /** The runtimes that run a user function's module. */
    static List<String> wasmRuntimes() {
        return Runtimes.ids().stream().filter(id -> Runtimes.byId(id).commandForm().equals(Optional.of(CommandForm.WASM_MODULE))).toList();
    }

    /** The runtimes that run user functions here without Docker: the wasm ones and process. */
    static List<String> localRuntimes() {
        return Runtimes.ids().stream().filter(id -> Runtimes.byId(id).commandForm().isPresent())
                .filter(id -> Runtimes.descriptor(id).kind() != RuntimeDescriptor.Kind.CONTAINER).toList();
    }

    @Test
    void theWasmRuntimesAreThoseThatDeployAnyWasiCommand() {
        assertEquals(List.of(ChicoryRuntime.INTERPRETER_ID, ChicoryRuntime.COMPILER_ID, "graalwasm", "wasmtime"), wasmRuntimes());
    }

    @ParameterizedTest
    @MethodSource("localRuntimes")
    void collatzAnswersItsKnownAnswerColdAndWarm(String id) {
        FunctionHost runtime = Runtimes.byId(id);
        runtime.requireAvailable();
        try (Deployment deployment = ForeignFixtures.collatz().deployOn(runtime)) {
            Phases phases = Phases.recording();
            assertEquals(ForeignFixtures.COLLATZ_27, deployment.coldInvokeText(ForeignFixtures.COLLATZ_N, phases));
            assertTrue(phases.count() >= 1 && phases.totalNanos() > 0, "a cold call records its phases: " + phases);
            try (FunctionInstance instance = deployment.start()) {
                assertEquals(ForeignFixtures.COLLATZ_27, instance.invokeText(ForeignFixtures.COLLATZ_N));
                assertEquals("118", instance.invokeText(97), "each call gets its own n");
                assertEquals("0", instance.invokeText(1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("localRuntimes")
    void aNonZeroExitIsATrapQuotingTheFirstLineOfStderr(String id) {
        FunctionHost runtime = Runtimes.byId(id);
        runtime.requireAvailable();
        try (Deployment deployment = ForeignFixtures.collatz().deployOn(runtime); FunctionInstance instance = deployment.start()) {
            TrapException exit = assertThrows(TrapException.class, () -> instance.invokeText(0));
            assertOneLine(exit);
            assertTrue(exit.getMessage().contains("exited with code 2; stderr: collatz:"), exit.getMessage());
            assertEquals(ForeignFixtures.COLLATZ_27, instance.invokeText(ForeignFixtures.COLLATZ_N), "the instance stays usable");
        }
    }

    @ParameterizedTest
    @MethodSource("wasmRuntimes")
    void aTrapIsATrapException(String id) {
        FunctionHost runtime = Runtimes.byId(id);
        runtime.requireAvailable();
        try (Deployment deployment = ForeignFixtures.unchecked("traps.wasm").deployOn(runtime)) {
            TrapException trap = assertThrows(TrapException.class, () -> deployment.coldInvokeText(1, Phases.recording()));
            assertOneLine(trap);
            assertTrue(trap.getMessage().contains("trap"), trap.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("wasmRuntimes")
    void aFunctionThatSpinsIsStoppedAtTheTimeLimit(String id) {
        FunctionHost runtime = Runtimes.byId(id);
        runtime.requireAvailable();
        try (Deployment deployment = ForeignFixtures.unchecked("spins.wasm").deployOn(runtime); FunctionInstance instance = deployment.start()) {
            InvocationTimeoutException timeout = assertThrows(InvocationTimeoutException.class, () -> instance.invokeText(1));
            assertOneLine(timeout);
            assertTrue(timeout.getMessage().contains("timed out after 1000 ms"), timeout.getMessage());
            assertFalse(Thread.currentThread().isInterrupted(), "the timeout leaves no interrupt behind");
        }
    }

    @Test
    void theModuleChecksNameWhatBreaksTheContract() {
        assertViolation(Violation.NOT_WASM, "corrupt.wasm", "is not a WebAssembly module");
        assertViolation(Violation.NOT_A_COMMAND, "not-a-command.wasm", "exports no _start");
        assertViolation(Violation.FOREIGN_IMPORTS, "extra-imports.wasm", "imports env.foo");
    }

    @Test
    void theBinaryMustBeAStaticElfExecutable() throws IOException {
        byte[] wasm = ForeignFixtures.bytes("collatz.wasm");
        ContractException notElf = assertThrows(ContractException.class,
                () -> UserFunction.of("collatz", wasm, Optional.of(wasm)));
        assertEquals(Violation.NOT_A_STATIC_BINARY, notElf.violation());
        assertTrue(notElf.getMessage().contains("not an ELF executable"), notElf.getMessage());
        byte[] shell = Files.readAllBytes(Path.of("/bin/sh")); // Debian's shell is dynamically linked, as most programs are
        ContractException dynamic = assertThrows(ContractException.class, () -> UserFunction.of("collatz", wasm, Optional.of(shell)));
        assertEquals(Violation.NOT_A_STATIC_BINARY, dynamic.violation());
        assertTrue(dynamic.getMessage().contains("dynamically linked"), dynamic.getMessage());
    }

    @Test
    void aRuntimeThatCannotRunUserFunctionsSaysWhy() {
        UserFunction collatz = ForeignFixtures.collatz();
        assertTrue(collatz.whyNot(ChicoryRuntime.aot()).orElseThrow().contains("cannot run user functions"));
        UserFunction moduleOnly = new UserFunction("collatz", collatz.module(), Optional.empty());
        String why = moduleOnly.whyNot(new ProcessRuntime()).orElseThrow();
        assertTrue(why.contains("-p binary=PATH"), why);
        assertThrows(NebulaException.class, () -> moduleOnly.deployOn(ProcessRuntime.ID));
    }

    @Test
    void aCatalogDeploymentDoesNotAnswerText() {
        try (Deployment deployment = Runtimes.byId(ChicoryRuntime.INTERPRETER_ID).deploy(FunctionArtifact.bundled(Abi.WASI))) {
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> deployment.coldInvokeText(1, Phases.IGNORED));
            assertTrue(error.getMessage().contains("call invoke"), error.getMessage());
        }
    }

    @Test
    void theAnswerIsExactlyOneLine() {
        assertEquals("111", CommandAnswer.of("run", 0, "111\n", ""));
        assertEquals("111", CommandAnswer.of("run", 0, "111\r\n", ""));
        assertEquals("111", CommandAnswer.of("run", 0, "111", ""));
        for (String stdout : new String[] {"", "\n", "1\n2\n"}) {
            ContractException error = assertThrows(ContractException.class, () -> CommandAnswer.of("run", 0, stdout, ""));
            assertEquals(Violation.NOT_ONE_LINE, error.violation());
            assertOneLine(error);
        }
    }

    private static void assertViolation(Violation violation, String fixture, String says) {
        ContractException error = assertThrows(ContractException.class,
                () -> UserFunction.of(fixture, ForeignFixtures.bytes(fixture), Optional.empty()));
        assertEquals(violation, error.violation(), error.getMessage());
        assertTrue(error.getMessage().contains(says), error.getMessage());
        assertOneLine(error);
    }

    private static void assertOneLine(Exception error) {
        assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage());
    }
}
