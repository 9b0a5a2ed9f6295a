package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.Need;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code Report} on the command line, in a child JVM: bad input is one line naming the file, exit status 2. */
@Tag(Need.CHILD_JVM)
class ReportCommandLineTest {

    private record Outcome(int exit, String stderr, String stdout) {}

    private static Outcome report(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Report.class.getName()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("nebula-report", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "Report did not finish");
        return new Outcome(process.exitValue(), stderr.lines().filter(line -> !line.startsWith("WARNING")).reduce("", (a, b) -> a + b + "\n"),
                Files.readString(stdout));
    }

    @Test
    void failOnRegressionExitsZeroAgainstItselfAndOneAgainstARunTwiceAsSlow() throws Exception {
        Path dir = Files.createTempDirectory("nebula-gate");
        Path run = dir.resolve(LargeRun.COMMITTED.getFileName());
        Files.copy(LargeRun.COMMITTED, run);
        Files.copy(dev.nebula.results.ResultFiles.sidecar(LargeRun.COMMITTED), dev.nebula.results.ResultFiles.sidecar(run));
        Path slower = SlowerRun.write(run, dir, "20270101T000000Z", 2);

        Outcome same = report("--compare", run.toString(), run.toString(), "--out", dir.resolve("same").toString(), "--fail-on-regression", "10");
        assertEquals(0, same.exit(), same.stderr() + same.stdout());
        assertTrue(same.stdout().contains("no case is significantly worse by more than 10%"), same.stdout());

        Outcome worse = report("--compare", run.toString(), slower.toString(), "--fail-on-regression", "10");
        assertEquals(1, worse.exit(), worse.stderr() + worse.stdout());
        assertTrue(worse.stdout().contains("regression: SteadyState.invoke thrpt"), worse.stdout());
        assertTrue(worse.stdout().contains("regression: ColdStartWarmHost"), worse.stdout());
    }

    private static void assertOneClearLine(Outcome outcome, String... mentions) {
        assertEquals(2, outcome.exit(), outcome.stderr());
        assertEquals(1, outcome.stderr().lines().count(), "one line, no stack trace: " + outcome.stderr());
        assertFalse(outcome.stderr().contains("Exception"), outcome.stderr());
        for (String mention : mentions) {
            assertTrue(outcome.stderr().contains(mention), "does not name " + mention + ": " + outcome.stderr());
        }
    }

    @Test
    void missingMalformedAndForeignFilesExitTwoNamingTheFile() throws Exception {
        Path dir = Files.createTempDirectory("nebula-bad-results");
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, "[{\"benchmark\": \"dev.nebula.bench.SteadyState.invoke\", \"mo");
        Path foreign = dir.resolve("foreign.json");
        Files.writeString(foreign, "[{\"benchmark\": \"org.example.MyBench.run\", \"mode\": \"thrpt\", \"primaryMetric\": {\"score\": 1}}]");

        assertOneClearLine(report(dir.resolve("absent.json").toString()), "absent.json", "no such file");
        assertOneClearLine(report(cut.toString()), "cut.json", "not complete, valid JSON");
        assertOneClearLine(report(foreign.toString()), "foreign.json", "org.example.MyBench.run", "not a result of the Nebula suite");
        assertOneClearLine(report("--compare", foreign.toString(), cut.toString()), "foreign.json");
    }
}
