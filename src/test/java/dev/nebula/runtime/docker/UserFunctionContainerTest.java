package dev.nebula.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.Need;
import dev.nebula.TrapException;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.ForeignFixtures;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.cli.ColdPhases;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A foreign static binary in its own FROM-scratch image (built here, never pulled): the same answers as everywhere. */
@Tag(Need.DOCKER)
class UserFunctionContainerTest {

    @Test
    void collatzInAContainerAnswersColdAndWarmAndFailsWithItsStderr() {
        DockerRuntime docker = DockerRuntime.scratch();
        docker.requireAvailable();
        try (Deployment deployment = ForeignFixtures.collatz().deployOn(docker); FunctionInstance instance = deployment.start()) {
            Phases phases = Phases.recording();
            assertEquals(ForeignFixtures.COLLATZ_27, deployment.coldInvokeText(ForeignFixtures.COLLATZ_N, phases));
            assertEquals(List.of(ColdPhases.CREATE, Deployment.RUN, ColdPhases.REMOVE),
                    List.of(phases.name(0), phases.name(1), phases.name(2)), phases.toString());
            assertEquals("178", instance.invokeText(871));
            TrapException exit = assertThrows(TrapException.class, () -> instance.invokeText(0));
            assertTrue(exit.getMessage().contains("exited with code 2; stderr: collatz:"), exit.getMessage());
        }
        assertTrue(DockerEngine.local().tracked().isEmpty(), "every container removed: " + DockerEngine.local().tracked());
    }
}
