package dev.nebula.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.Need;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Issue 2's proof of the whole chain: the native binary, built into a FROM-scratch image from {@code Dockerfiles/},
 * run by plain Testcontainers with network {@code none}, prints the catalog's answer. Nothing may be pulled: the
 * image is local and the pull policy says never.
 */
@Tag(Need.DOCKER)
@Tag(Need.NATIVE)
class FromScratchContainerTest {

    @Test
    void nativeBinaryInAFromScratchContainerPrintsTheReferenceAnswer() {
        DockerEngine engine = DockerEngine.local();
        engine.requireAnswering();
        String image = NebulaImage.ensure(engine, BaseImage.SCRATCH, FunctionArtifact.bundled(Abi.CLI));
        CatalogFunction function = CatalogFunction.FIB_REC;
        long n = 25;
        try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(name -> false)
                .withNetworkMode(DockerDeployment.NETWORK_NONE)
                .withLabels(Map.of(ContainerJanitor.SESSION_LABEL, ContainerJanitor.SESSION))
                .withCommand(function.id(), Long.toString(n))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            container.start();
            assertEquals(function.format(function.reference(n)), container.getLogs(OutputFrame.OutputType.STDOUT).strip());
        }
    }
}
