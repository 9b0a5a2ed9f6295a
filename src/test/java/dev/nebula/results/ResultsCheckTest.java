package dev.nebula.results;

import dev.nebula.report.TinyRun;
import dev.nebula.Need;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The CI check on a real run's JSON: complete as written, and each kind of gap found once the file is damaged
 * the way a failed benchmark or a broken score would damage it.
 */
@Tag(Need.JMH)
class ResultsCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompleteRunPasses() {
        assertEquals(List.of(), ResultsCheck.check(TinyRun.copy()));
    }

    @Test
    void aMissingCaseIsNamed() throws IOException {
        Path json = TinyRun.copy();
        ArrayNode results = (ArrayNode) JSON.readTree(json.toFile());
        int removed = -1;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).path("benchmark").asText().endsWith("SteadyState.invoke")
                    && results.get(i).path("params").path("fn").asText().equals("fact")) {
                removed = i;
            }
        }
        results.remove(removed);
        JSON.writeValue(json.toFile(), results);
        List<String> problems = ResultsCheck.check(json);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("SteadyState.invoke {abi=default, fn=fact, n=S, runtime=java}: no result", problems.getFirst());
    }

    @Test
    void aBenchmarkWithNoResultAtAllIsNamed() throws IOException {
        Path json = TinyRun.copy();
        ArrayNode results = (ArrayNode) JSON.readTree(json.toFile());
        ArrayNode kept = JSON.createArrayNode();
        results.forEach(entry -> {
            if (!entry.path("benchmark").asText().contains("ColdStartProcess")) {
                kept.add(entry);
            }
        });
        JSON.writeValue(json.toFile(), kept);
        List<String> problems = ResultsCheck.check(json);
        assertEquals(TinyRun.FUNCTIONS.size(), problems.size(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.startsWith("ColdStartProcess.spawnAnswerExit")), problems.toString());
    }

    @Test
    void aScoreThatIsNotANumberIsNamed() throws IOException {
        Path json = TinyRun.copy();
        ArrayNode results = (ArrayNode) JSON.readTree(json.toFile());
        ((ObjectNode) results.get(0).path("primaryMetric")).put("score", "NaN");
        JSON.writeValue(json.toFile(), results);
        List<String> problems = ResultsCheck.check(json);
        assertTrue(problems.stream().anyMatch(p -> p.contains("score is NaN")), problems.toString());
    }

    @Test
    void aSkippedRuntimeFailsOnlyWhenAllAreRequired() throws IOException {
        Path json = TinyRun.copy();
        Path sidecar = ResultFiles.sidecar(json);
        ObjectNode env = (ObjectNode) JSON.readTree(sidecar.toFile());
        ((ObjectNode) env.path("run").path("skipped")).put("docker", "no engine answers");
        JSON.writeValue(sidecar.toFile(), env);
        assertEquals(List.of(), ResultsCheck.check(json, false));
        assertEquals(List.of("runtime docker was skipped: no engine answers"), ResultsCheck.check(json, true));
    }

    @Test
    void withoutItsSidecarTheCheckCannotTellWhatWasPlanned() throws IOException {
        Path json = TinyRun.copy();
        Files.delete(ResultFiles.sidecar(json));
        assertTrue(ResultsCheck.check(json).getFirst().contains("no sidecar"));
    }
}
