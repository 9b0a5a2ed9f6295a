package dev.nebula.report;

import dev.nebula.results.JmhResults;
import dev.nebula.results.ResultFiles;
import dev.nebula.results.ResultsCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.ChildJvm;
import dev.nebula.NebulaException;
import dev.nebula.Need;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report and ResultsCheck on a bad file: the file's name and what is wrong with it, never a stack trace. */
class BadResultFileTest {
    @TempDir
    Path temp;

    private static String messageOf(Path file) {
        return assertThrows(NebulaException.class, () -> JmhResults.read(file)).getMessage();
    }

    @Test
    void missingFileIsNamed() {
        Path file = temp.resolve("nope.json");
        assertEquals(file + ": no such file", messageOf(file));
    }

    @Test
    void emptyFileSaysSo() throws IOException {
        Path file = Files.writeString(temp.resolve("empty.json"), "");
        assertTrue(messageOf(file).contains("is empty"), messageOf(file));
    }

    @Test
    @Tag(Need.JMH)
    void fileCutShortNamesWhereAndSaysToRerun() throws IOException {
        String whole = Files.readString(TinyRun.copy());
        Path file = Files.writeString(temp.resolve("cut.json"), whole.substring(0, 4096));
        String message = messageOf(file);
        assertTrue(message.startsWith(file + " is not complete, valid JSON (line "), message);
        assertTrue(message.contains("rerun"), message);
    }

    @Test
    @Tag(Need.JMH)
    void otherProjectsJmhJsonIsRefusedSayingSo() throws IOException {
        String whole = Files.readString(TinyRun.copy());
        Path file = Files.writeString(temp.resolve("other.json"), whole.replace("dev.nebula.bench.", "org.example.jmh."));
        String message = messageOf(file);
        assertTrue(message.contains("is not a result of the Nebula suite") && message.contains("org.example.jmh."), message);
        assertThrows(NebulaException.class, () -> Report.write(file), "no empty report for it");
        assertFalse(Files.exists(ResultFiles.beside(file, ".md")));
    }

    @Test
    @Tag(Need.JMH)
    void nanAndInfinityAsStringsOrBareDoNotCrashAndTheCheckNamesThem() throws IOException {
        Path json = TinyRun.copy();
        int cases = JmhResults.read(json).size();
        String whole = Files.readString(json);
        String nan = whole.replaceFirst("\"score\" : [0-9.E-]+", "\"score\" : \"NaN\"")
                .replaceFirst("\"score\" : [0-9.E-]+", "\"score\" : Infinity");
        assertFalse(nan.equals(whole));
        Files.writeString(json, nan);
        assertEquals(cases, JmhResults.read(json).size());
        List<String> problems = ResultsCheck.check(json);
        assertTrue(problems.stream().anyMatch(p -> p.contains("score is NaN")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("is Infinity")), problems.toString());
        assertFalse(Report.write(json).isEmpty(), "the report is still made");
    }

    @Test
    @Tag(Need.CHILD_JVM)
    void reportAndCheckPrintOneLineWithoutAStackTrace() throws Exception {
        Path file = Files.writeString(temp.resolve("cut.json"), "[ { \"benchmark\" : \"dev.nebula.bench.SteadyState.invoke\", ", StandardCharsets.UTF_8);
        for (Class<?> tool : List.of(Report.class, ResultsCheck.class)) {
            ChildJvm child = ChildJvm.run(ChildJvm.thisJava(), List.of(), tool.getName(), List.of(file.toString()));
            // Report cannot do its job with such a file (exit 2, as for bad arguments); for ResultsCheck it is a failed check (1).
            assertEquals(tool == Report.class ? 2 : 1, child.exitCode(), child.report());
            assertTrue(child.output().contains(file + " is not complete, valid JSON"), child.report());
            assertFalse(child.output().contains("\tat "), "no stack trace: " + child.report());
        }
    }
}
