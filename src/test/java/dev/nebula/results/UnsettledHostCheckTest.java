package dev.nebula.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A warm host still compiling when measured ({@code warmup.capped} = 1 in any fork) fails the run's check, naming its
 * case, unless the run allows it or is the quick smoke run; on a two-case fixture, no JMH run.
 */
class UnsettledHostCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two cases, each of three forks; graalwasm's second fork measured a warm host still compiling ({@code warmup.capped} = 1). */
    private Path unsettledRun() throws IOException {
        Path dir = Files.createTempDirectory("nebula-unsettled");
        for (String name : List.of("unsettled.json", "unsettled.env.json")) {
            try (var in = UnsettledHostCheckTest.class.getResourceAsStream("/results/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir.resolve("unsettled.json");
    }

    @Test
    void anUnsettledWarmHostFailsTheCheckNamingItsCase() throws IOException {
        assertEquals(List.of("SteadyState.invoke {abi=wasi, fn=fib, n=S, runtime=graalwasm}: the warm host did not settle"
                + " (warmup.capped = 1 in a fork: still compiling when measured); rerun on a quieter machine, or accept it with"
                + " --allow-unsettled (-Dnebula.allowUnsettled=true)"), ResultsCheck.check(unsettledRun()));
    }

    @Test
    void anUnsettledWarmHostPassesWhenAllowedOrInTheQuickRun() throws IOException {
        Path json = unsettledRun();
        System.setProperty(ResultsCheck.ALLOW_UNSETTLED, "true");
        try {
            assertEquals(List.of(), ResultsCheck.check(json));
        } finally {
            System.clearProperty(ResultsCheck.ALLOW_UNSETTLED);
        }
        Path sidecar = ResultFiles.sidecar(json);
        ObjectNode env = (ObjectNode) JSON.readTree(sidecar.toFile());
        ((ObjectNode) env.path("run")).put("quick", true); // the smoke run caps every warm-up at zero by design
        JSON.writeValue(sidecar.toFile(), env);
        assertEquals(List.of(), ResultsCheck.check(json));
    }
}
