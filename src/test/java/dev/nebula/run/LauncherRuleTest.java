package dev.nebula.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import dev.nebula.results.ResultFiles;
import dev.nebula.results.Sidecar;
import dev.nebula.runtime.FunctionArtifact;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The launchers' one rule, for the suite and for {@code java -jar} alike: when a later JMH pass throws, what the
 * passes before it measured is still written, the run exits 1, and the check names the cases left without a result.
 * The first pass is a real JMH run inside this JVM ({@code -f 0}: no fork); graalwasm's pass is a fake that throws.
 */
class LauncherRuleTest {
    private static final List<String> ONE_CASE_EACH = List.of("-p", "runtime=java,graalwasm", "-p", "fn=fib", "-p", "n=S",
            "-f", "0", "-wi", "0", "-i", "1", "-r", "100ms");
    /** Every runtime can run here (null: no problem), so graalwasm gets its own pass without JVMCI in this JVM. */
    private static final RunPlan.AvailabilityCheck EVERY_RUNTIME_HERE = ids -> {
        Map<String, String> problems = new LinkedHashMap<>();
        ids.forEach(id -> problems.put(id, null));
        return problems;
    };

    @TempDir
    Path temp;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void settleAtOnce() {
        System.setProperty("jmh.ignoreLock", "true"); // a test measures nothing: another JMH run may hold the lock
        System.setProperty("nebula.warmup.cap", "0");
    }

    /** JMH for every pass but graalwasm's, which throws as a pass whose forks cannot start would. */
    private static PassSequence.PassRunner graalwasmPassThrows() {
        return pass -> {
            if (pass.getParameter("runtime").orElse(List.of()).contains("graalwasm")) {
                throw new RunnerException("graalwasm's forks could not start");
            }
            return PassSequence.JMH.run(pass);
        };
    }

    private String out() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jarRunWritesWhatFinishedWhenALaterPassThrows() {
        Path json = temp.resolve("out.json");
        String[] args = Stream.concat(Stream.of("SteadyState"), Stream.concat(ONE_CASE_EACH.stream(),
                Stream.of("-rf", "json", "-rff", json.toString()))).toArray(String[]::new);
        Launcher.Launch launch = Launcher.preflight(args, EVERY_RUNTIME_HERE, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(List.of(List.of("java"), List.of("graalwasm")), Launcher.runtimes(launch).stream().map(List::copyOf).toList());

        int status = JarRun.run(launch, graalwasmPassThrows(), new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(1, status, out());
        assertTrue(out().contains("JMH run 2 of 2 failed (graalwasm's forks could not start)"), out());
        assertTrue(out().contains("SteadyState.invoke {abi=default, fn=fib, n=S, runtime=graalwasm}: no result"), out());
        assertEquals(List.of("java"), JmhResults.read(json).stream().map(Measurement::runtime).toList(), "the pass that finished is written");
    }

    @Test
    void theSuiteWritesWhatFinishedWhenALaterPassThrows() throws IOException {
        Suite suite = new Suite(true, false, temp, Stream.concat(Stream.of("SteadyState"), ONE_CASE_EACH.stream()).toList());

        int status = suite.run(graalwasmPassThrows(), EVERY_RUNTIME_HERE, FunctionArtifact::nativeBinary, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(1, status, out());
        assertTrue(out().contains("JMH run 2 of 2 failed (graalwasm's forks could not start)"), out());
        assertTrue(out().contains("INCOMPLETE: SteadyState.invoke {abi=default, fn=fib, n=S, runtime=graalwasm}: no result"), out());
        Path json;
        try (Stream<Path> files = Files.list(temp)) {
            json = files.filter(file -> file.toString().endsWith(".json") && !file.toString().endsWith(".env.json")).findFirst().orElseThrow();
        }
        assertEquals(List.of("java"), JmhResults.read(json).stream().map(Measurement::runtime).toList(), "the pass that finished is written");
        Sidecar sidecar = Sidecar.read(ResultFiles.sidecar(json));
        assertEquals(2, sidecar.planned().size(), "the sidecar says what was planned, the failed pass's cases too");
    }
}
