package dev.nebula.bench;

import dev.nebula.run.ForkFlags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.NebulaException;
import dev.nebula.runtime.graalwasm.GraalWasmRuntime;
import dev.nebula.Need;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one-request host that {@link ColdStartProcess} spawns, and the command lines it is spawned with. */
class OneRequestHostTest {

    @Test
    @Tag(Need.CHILD_JVM)
    void aWholeHostProcessPrintsTheAnswerAndExitsZero() throws Exception {
        // F(93), the largest Fibonacci number below 2^64, as known-answers.tsv has it
        Result result = run(HostCommand.of("chicory-aot", "plain", "fib", "93"));
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("12200160415121876738\n", result.stdout());
    }

    @Test
    @Tag(Need.CHILD_JVM)
    void aRuntimeOutsideTheJvmIsExitCodeTwoNamingTheValidOnes() throws Exception {
        Result result = run(HostCommand.of("process", "plain", "fib", "S"));
        assertEquals(OneRequestHost.EXIT_ERROR, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().contains("does not run inside a JVM") && result.stderr().contains("chicory-aot"), result.stderr());
    }

    @Test
    void badInputIsAnErrorNamingTheRange() {
        NebulaException e = assertThrows(NebulaException.class, () -> OneRequestHost.answer(new String[] {"java", "fib-rec", "41"}));
        assertTrue(e.getMessage().contains("0 ≤ n ≤ 40"), e.getMessage());
        assertThrows(NebulaException.class, () -> OneRequestHost.answer(new String[] {"java", "fib"}));
    }

    @Test
    void everyRuntimeGetsTheSameFlagsAndOnlyGraalWasmTheJvmciOnes() {
        for (String runtime : List.of("java", "chicory-interp", GraalWasmRuntime.ID)) {
            List<String> command = HostCommand.of(runtime, "plain", "fib", "S");
            assertEquals(HostCommand.FLAGS, command.subList(1, 1 + HostCommand.FLAGS.size()), runtime);
            assertEquals(runtime.equals(GraalWasmRuntime.ID), command.containsAll(ForkFlags.GRAALWASM), runtime + ": " + command);
            assertEquals(List.of(OneRequestHost.class.getName(), runtime, "fib", "S"), command.subList(command.size() - 4, command.size()));
        }
    }

    @Test
    void graalWasmRefusesAnAotCacheSayingWhy() {
        NebulaException e = assertThrows(NebulaException.class, () -> HostCommand.of(GraalWasmRuntime.ID, "aotcache", "fib", "S"));
        assertTrue(e.getMessage().contains("--upgrade-module-path") && e.getMessage().contains("jdk=plain"), e.getMessage());
        NebulaException unknown = assertThrows(NebulaException.class, () -> HostCommand.of("java", "leyden", "fib", "S"));
        assertTrue(unknown.getMessage().contains("plain, aotcache"), unknown.getMessage());
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(List<String> command) throws Exception {
        Process child = new ProcessBuilder(new ArrayList<>(command)).start();
        byte[] err = child.getErrorStream().readAllBytes();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(child.waitFor(), out, new String(err, StandardCharsets.UTF_8));
    }
}
