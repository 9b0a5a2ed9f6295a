package dev.nebula.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.ContractException;
import dev.nebula.InvalidInputException;
import dev.nebula.NebulaException;
import dev.nebula.results.Sidecar;
import dev.nebula.runtime.ForeignFixtures;
import dev.nebula.runtime.Runtimes;
import dev.nebula.runtime.process.ProcessRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The preflight of a user function ({@code -p module}): the contract and the inputs are checked before any runtime,
 * runtimes that cannot run it leave with one line each, the selection keeps only the user-function benchmark methods,
 * and answers that disagree stop the launch naming every runtime and answer. Availability is faked: every runtime can run.
 */
class UserFunctionPlanTest {
    private static final String MODULE = "module=" + ForeignFixtures.file("collatz.wasm");
    private static final String BINARY = "binary=" + ForeignFixtures.file("collatz");

    private static Map<String, String> allAvailable(List<String> ids) {
        Map<String, String> problems = new LinkedHashMap<>();
        ids.forEach(id -> problems.put(id, null));
        return problems;
    }

    private static RunPlan plan(String... args) throws Exception {
        return RunPlan.of(new CommandLineOptions(args), UserFunctionPlanTest::allAvailable);
    }

    @Test
    void theRuntimesAreThoseThatCanRunItAndTheOthersSayWhy() throws Exception {
        RunPlan withBinary = plan("-p", MODULE, "-p", BINARY, "-p", "n=27");
        assertEquals(Runtimes.ids().stream().filter(id -> Runtimes.byId(id).commandForm().isPresent()).toList(), withBinary.runtimes());
        assertEquals(List.of("collatz"), withBinary.functions());
        RunPlan moduleOnly = plan("-p", MODULE, "-p", "n=27,97");
        assertTrue(!moduleOnly.runtimes().contains(ProcessRuntime.ID) && moduleOnly.skipped().get(ProcessRuntime.ID).contains("-p binary=PATH"),
                moduleOnly.skipped().toString());
        assertEquals(List.of(27L, 97L), moduleOnly.userFunction().orElseThrow().inputs());
        NebulaException named = assertThrows(NebulaException.class, () -> plan("-p", MODULE, "-p", "n=27", "-p", "runtime=process"));
        assertTrue(named.getMessage().contains("-p binary=PATH"), named.getMessage());
    }

    @Test
    void theSidecarRecordsTheFilesBySha256() throws Exception {
        Sidecar.UserFunctionFiles files = plan("-p", MODULE, "-p", BINARY, "-p", "n=27").selection().userFunction().orElseThrow();
        assertEquals("collatz.wasm", files.module());
        assertEquals("collatz", files.binary());
        assertEquals(ForeignFixtures.collatz().moduleSha256(), files.moduleSha256());
        assertEquals(64, files.binarySha256().length());
        assertEquals(ForeignFixtures.bytes("collatz").length, files.binaryBytes());
    }

    @Test
    void badFilesAndInputsFailBeforeAnyRuntime() {
        ContractException notACommand = assertThrows(ContractException.class,
                () -> plan("-p", "module=" + ForeignFixtures.file("not-a-command.wasm"), "-p", "n=27"));
        assertTrue(notACommand.getMessage().contains("no _start"), notACommand.getMessage());
        assertThrows(InvalidInputException.class, () -> plan("-p", MODULE, "-p", "n=S"));
        assertThrows(NebulaException.class, () -> plan("-p", MODULE));
        assertThrows(NebulaException.class, () -> plan("-p", MODULE, "-p", "n=27", "-p", "expect=1,2"));
    }

    @Test
    void aUserFunctionRunKeepsOnlyItsOwnBenchmarkMethodsAndACatalogRunNone() throws Exception {
        CommandLineOptions coldStarts = new CommandLineOptions("ColdStartWarmHost");
        OptionsBuilder user = new OptionsBuilder();
        user.parent(coldStarts);
        BenchmarkSelection.keepFunctionKind(user, coldStarts, true);
        assertEquals(List.of("dev.nebula.bench.ColdStartWarmHost.coldInvokeCommand"),
                BenchmarkSelection.of(user.build()).stream().map(entry -> entry.getUsername()).distinct().toList());
        OptionsBuilder catalog = new OptionsBuilder();
        catalog.parent(coldStarts);
        BenchmarkSelection.keepFunctionKind(catalog, coldStarts, false);
        assertEquals(List.of("dev.nebula.bench.ColdStartWarmHost.coldInvoke"),
                BenchmarkSelection.of(catalog.build()).stream().map(entry -> entry.getUsername()).distinct().toList());
        CommandLineOptions density = new CommandLineOptions("Density");
        NebulaException none = assertThrows(NebulaException.class, () -> BenchmarkSelection.keepFunctionKind(new OptionsBuilder(), density, true));
        assertTrue(none.getMessage().contains("ColdStartWarmHost.coldInvokeCommand"), none.getMessage());
    }

    @Test
    void disagreeingAnswersNameEveryRuntimeAndAnswer() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("chicory-interp", "111");
        answers.put("process", "112");
        NebulaException disagree = assertThrows(NebulaException.class,
                () -> AnswerCheck.requireAgreement("collatz(27)", answers, Optional.empty()));
        assertEquals("collatz(27): the runtimes disagree: chicory-interp answers '111', process answers '112'; nothing was timed",
                disagree.getMessage());
        answers.put("process", "111");
        AnswerCheck.requireAgreement("collatz(27)", answers, Optional.of("111"));
        NebulaException expect = assertThrows(NebulaException.class,
                () -> AnswerCheck.requireAgreement("collatz(27)", answers, Optional.of("112")));
        assertTrue(expect.getMessage().contains("-p expect='112'"), expect.getMessage());
    }

    @Test
    void theAnswerCheckRunsTheFunctionOnEveryRuntime() {
        NebulaException failed = assertThrows(NebulaException.class, () -> AnswerCheck.check(ForeignFixtures.collatz(),
                List.of("chicory-interp", ProcessRuntime.ID), List.of(27L, 0L), Optional.of("111")));
        assertTrue(failed.getMessage().startsWith("collatz(0) failed on chicory-interp:") && failed.getMessage().contains("exited with code 2"),
                failed.getMessage());
    }
}
