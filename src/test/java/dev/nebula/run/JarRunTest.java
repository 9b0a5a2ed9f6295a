package dev.nebula.run;

import dev.nebula.bench.ColdStartProcess;
import dev.nebula.bench.ColdStartWarmHost;
import dev.nebula.bench.DeployModule;
import dev.nebula.bench.SteadyState;
import dev.nebula.results.SmallFileSystem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.ChildJvm;
import dev.nebula.launch.JdkCheck;
import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import dev.nebula.Need;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar benchmarks.jar}'s exit code, in a child JVM running the jar's main class: 1 when a requested case
 * fails, listing it, with the cases that worked still in the result file; 2 before anything runs when the result
 * file cannot be written; 0 for a complete run.
 */
@Tag(Need.CHILD_JVM)
class JarRunTest {
    private static final List<String> ONE_SHOT = List.of("ColdStartWarmHost", "-f", "1", "-wi", "0", "-i", "1");

    @TempDir
    Path temp;

    @Test
    @Tag(Need.JMH)
    void aFailingCaseMakesTheRunExitOneAndIsListedWhileTheOthersAreKept() throws Exception {
        // A real fault, no Docker needed: prime(28000) takes ~1 s on Chicory's interpreter, past a 100 ms time limit,
        // while plain Java (10 ms, and no time limit) succeeds.
        Path json = temp.resolve("out.json");
        List<String> args = new ArrayList<>(ONE_SHOT);
        args.addAll(List.of("-p", "runtime=java,chicory-interp", "-p", "fn=prime", "-p", "n=L",
                "-jvmArgsAppend", "-Dnebula.timeout=100ms", "-rf", "json", "-rff", json.toString()));
        ChildJvm child = runMain(args);
        assertEquals(1, child.exitCode(), child.report());
        assertTrue(child.output().contains("timed out after 100 ms"), child.report());
        assertTrue(child.output().contains("nebula: FAILED"), child.report());
        assertTrue(child.output().contains("ColdStartWarmHost.coldInvoke {abi=default, fn=prime, n=L, runtime=chicory-interp}: no result"), child.report());
        List<Measurement> kept = JmhResults.read(json);
        assertEquals(List.of("java"), kept.stream().map(Measurement::runtime).toList(), "the case that worked is in the file");
    }

    @Test
    @Tag(Need.JMH)
    void aCompleteRunExitsZero() throws Exception {
        Path json = temp.resolve("out.json");
        List<String> args = new ArrayList<>(ONE_SHOT);
        args.addAll(List.of("-p", "runtime=java", "-p", "fn=fib", "-p", "n=S", "-rf", "json", "-rff", json.toString()));
        ChildJvm child = runMain(args);
        assertEquals(0, child.exitCode(), child.report());
        assertTrue(child.output().contains("nebula: results  " + json.toAbsolutePath()), child.report());
        assertEquals(1, JmhResults.read(json).size());
    }

    @Test
    @Tag(Need.ROOT)
    void aResultFileOnAFullDiskStopsTheRunBeforeAnyBenchmark() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(temp.resolve("full"), "64k", false)) {
            List<String> args = new ArrayList<>(ONE_SHOT);
            args.addAll(List.of("-p", "runtime=java", "-p", "fn=fib", "-p", "n=S", "-rf", "json", "-rff", fs.directory().resolve("out.json").toString()));
            ChildJvm child = runMain(args);
            assertEquals(2, child.exitCode(), child.report());
            assertTrue(child.output().contains("No space left on device") && child.output().contains(fs.directory().toString()), child.report());
            assertFalse(child.output().contains("# Benchmark:"), "no benchmark ran: " + child.report());
        }
    }

    @Test
    void aPatternMatchingNothingListsTheBenchmarks() throws Exception {
        ChildJvm child = runMain(List.of("SteadyStat3", "-p", "runtime=java"));
        assertEquals(2, child.exitCode(), child.report());
        assertTrue(child.output().contains("no benchmark matches SteadyStat3; the benchmarks are: "), child.report());
        for (String benchmark : List.of("ColdStartProcess.spawnAnswerExit", "ColdStartWarmHost.coldInvoke", "DeployModule.deploy", "SteadyState.invoke")) {
            assertTrue(child.output().contains(benchmark), benchmark + " is listed: " + child.report());
        }
    }

    @Test
    void aCommandWordGoesToItsCommandNotToJmh() throws Exception {
        ChildJvm child = runMain(List.of("report"));
        assertEquals(2, child.exitCode(), child.report());
        assertTrue(child.output().contains("usage: Report FILE.json"), child.report());
        assertFalse(child.output().contains("# Benchmark:") || child.output().contains("no benchmark matches"), child.report());
    }

    /** {@code java -jar target/benchmarks.jar ARGS}, as the jar's main class on the test class path (the jar is made after the tests). */
    static ChildJvm runMain(List<String> args) throws IOException, InterruptedException {
        return ChildJvm.run(ChildJvm.thisJava(), List.of("-Djmh.ignoreLock=true"), JdkCheck.class.getName(), args);
    }
}
