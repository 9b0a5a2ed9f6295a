package dev.nebula.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A case whose fork failed keeps the other forks' result in JMH's JSON: the check must say so, not pass it. */
class FailedForkCheckTest {
    private static Measurement withForks(int asked, List<Double> forkCentres) {
        Metric primary = new Metric(1.0, 0.1, "us/op", forkCentres, Map.of(), forkCentres, forkCentres.size());
        return new Measurement("dev.nebula.bench.Density.startKth", "ss", Map.of("runtime", "docker-cli"), primary, Map.of(), asked);
    }

    @Test
    void aCaseWithAFailedForkIsAProblemThatSaysHowManyFailed() {
        List<String> problems = new ArrayList<>();
        ResultsCheck.checkForks(withForks(3, List.of(1.0, 1.1)), problems);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("1 of 3 forks failed"), problems.getFirst());
        assertTrue(problems.getFirst().contains("docker-cli"), problems.getFirst());
    }

    @Test
    void everyForkMeasuredIsNoProblem() {
        List<String> problems = new ArrayList<>();
        ResultsCheck.checkForks(withForks(3, List.of(1.0, 1.1, 0.9)), problems);
        ResultsCheck.checkForks(withForks(0, List.of(1.0)), problems); // -f 0: measured in the launcher's JVM
        assertEquals(List.of(), problems);
    }
}
