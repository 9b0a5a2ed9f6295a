package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.BuildInfo;
import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.Size;
import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.RunInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's figures are the committed run's, as {@code Report --readme} writes them: a figure typed by hand fails here. */
class ReadmeResultsTest {
    private static final Path README = Path.of(BuildInfo.PROJECT_DIR, "README.md");

    /**
     * What differs between the README and its blocks regenerated from the run its markers name: the first line that
     * differs, with both versions; empty when they agree.
     */
    private static Optional<String> difference(String readme) {
        String stamp = ReadmeMarkers.run(ReadmeMarkers.blocks(readme, ReadmeResults.BLOCKS));
        Path run = README.resolveSibling("jmh-results").resolve(stamp + ".json");
        assertTrue(Files.isRegularFile(run), "README's markers name run " + stamp + ", but " + run + " is not committed");
        String expected = ReadmeMarkers.fill(readme, new ReadmeResults(run, README).blocks(), stamp);
        List<String> want = expected.lines().toList();
        List<String> have = readme.lines().toList();
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String w = i < want.size() ? want.get(i) : "(end of file)";
            String h = i < have.size() ? have.get(i) : "(end of file)";
            if (!w.equals(h)) {
                return Optional.of("README.md line " + (i + 1) + " differs from run " + stamp + ":\n  README: " + h + "\n  run:    " + w
                        + "\nregenerate with: java -cp target/benchmarks.jar dev.nebula.report.Report --readme README.md jmh-results/" + stamp + ".json");
            }
        }
        return Optional.empty();
    }

    @Test
    void readmeFiguresAreTheCommittedRunsAsReportWritesThem() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        difference(readme).ifPresent(diff -> {
            throw new AssertionError(diff);
        });
    }

    @Test
    void aFigureEditedByHandIsCaughtOnItsLine() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        List<String> lines = readme.lines().toList();
        int ladderRow = -1;
        for (int i = 0; i < lines.size() && ladderRow < 0; i++) {
            if (lines.get(i).startsWith("| `wasmtime` |") && lines.get(i).contains("×")) {
                ladderRow = i;
            }
        }
        assertTrue(ladderRow >= 0, "the README has no generated row for wasmtime");
        java.util.regex.Matcher digit = java.util.regex.Pattern.compile("\\d").matcher(lines.get(ladderRow));
        assertTrue(digit.find(), lines.get(ladderRow));
        String figureEdited = digit.replaceFirst(Integer.toString((Integer.parseInt(digit.group()) + 1) % 10));
        String edited = readme.replace(lines.get(ladderRow), figureEdited);
        Optional<String> diff = difference(edited);
        assertTrue(diff.isPresent(), "an edited figure went unnoticed");
        assertTrue(diff.get().startsWith("README.md line " + (ladderRow + 1) + " differs"), diff.get());
    }

    @Test
    void aReadmeWithoutMarkersIsRefusedUnchangedWithHowToMarkABlock() throws Exception {
        Path readme = Files.createTempDirectory("nebula-readme").resolve("README.md");
        String text = "# A project\n\nNo generated figures here.\n";
        Files.writeString(readme, text);
        NebulaException e = assertThrows(NebulaException.class, () -> ReadmeResults.update(readme, LargeRun.COMMITTED));
        assertTrue(e.getMessage().startsWith(readme + ": no generated block"), e.getMessage());
        assertTrue(e.getMessage().contains("<!-- nebula:results begin block=NAME run=STAMP -->"), e.getMessage());
        assertTrue(e.getMessage().contains("headline"), "names the valid blocks: " + e.getMessage());
        assertEquals(text, Files.readString(readme));
    }

    @Test
    void updateRewritesOnlyTheBlocksAndNamesTheRun() throws Exception {
        Path readme = Files.createTempDirectory("nebula-readme").resolve("README.md");
        Files.writeString(readme, "# Title\n\nbefore\n" + ReadmeMarkers.begin("headline", "old") + "\nstale 365×\n"
                + ReadmeMarkers.end("headline") + "\nafter\n");
        ReadmeResults.update(readme, LargeRun.COMMITTED);
        String once = Files.readString(readme);
        assertTrue(once.startsWith("# Title\n\nbefore\n" + ReadmeMarkers.begin("headline", "20261125T170525Z") + "\n"), once);
        assertTrue(once.endsWith(ReadmeMarkers.end("headline") + "\nafter\n"), once);
        assertTrue(!once.contains("stale") && once.contains("**Fair pair**"), once);
        ReadmeResults.update(readme, LargeRun.COMMITTED);
        assertEquals(once, Files.readString(readme), "a second run changes nothing");
    }

    private static Measurement steady(String runtime, String n, double callsPerSecond) {
        return new Measurement("dev.nebula.bench.SteadyState.invoke", "thrpt", Map.of("runtime", runtime, "fn", "fib", "n", n, "abi", "default"),
                new Metric(callsPerSecond, 0, "ops/s", List.of(callsPerSecond)), Map.of(), 1);
    }

    @Test
    void aSweepOverNumbersMeetsTheSizesOfTheRuntimesMeasuredAtSAndL() {
        String s = Long.toString(CatalogFunction.byId("fib").input(Size.S));
        String l = Long.toString(CatalogFunction.byId("fib").input(Size.L));
        Report report = new Report(List.of(steady("java", s, 1000), steady("java", "7", 5000), steady("java", l, 10),
                steady("chicory-aot", "S", 500), steady("chicory-aot", "L", 10), steady("wasmtime", s, 100)), null, "20270101T000000Z");
        assertEquals(0.5, report.speedRatio(report.of(Report.STEADY).get(3)), 1e-9, "S against java's sweep point at S's input");
        String block = new ReadmeResults(report, new RunInfo("20270101T000000Z", null), LargeRun.COMMITTED, README).blocks().get("steady-state");
        assertTrue(block.contains("| `chicory-aot` | 0.500× (0.500×–0.500×) | 1.00× (1.00×–1.00×) |"), block);
        assertTrue(block.contains("| `wasmtime` | 0.100× (0.100×–0.100×) | – |"), block);
    }

    @Test
    void theListOfBlocksIsWhatIsWritten() {
        assertEquals(List.copyOf(ReadmeResults.BLOCKS), List.copyOf(new ReadmeResults(LargeRun.COMMITTED, README).blocks().keySet()));
    }

    @Test
    void anUnknownOrUnendedBlockIsRefusedNamingTheLine() {
        java.util.Set<String> known = java.util.Set.of("headline");
        NebulaException unknown = assertThrows(NebulaException.class, () -> ReadmeMarkers.blocks(
                "x\n" + ReadmeMarkers.begin("headlines", "s") + "\n" + ReadmeMarkers.end("headlines") + "\n", known));
        assertTrue(unknown.getMessage().contains("line 2 names block headlines") && unknown.getMessage().contains("valid: headline"),
                unknown.getMessage());
        NebulaException open = assertThrows(NebulaException.class, () -> ReadmeMarkers.blocks(ReadmeMarkers.begin("headline", "s") + "\n", known));
        assertTrue(open.getMessage().contains("never ended"), open.getMessage());
    }
}
