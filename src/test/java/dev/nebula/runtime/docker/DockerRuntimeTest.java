package dev.nebula.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.nebula.InvocationTimeoutException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.cli.ColdPhases;
import dev.nebula.runtime.cli.PhaseAssertions;
import dev.nebula.Need;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the docker runtimes promise beyond the shared matrix: phases, image reuse, timeouts, isolation, failures. */
class DockerRuntimeTest {
    /**
     * fib-rec 40 computes for about 0.3 s natively, three times this limit, so it always times out; a warm fib 10
     * takes microseconds, so it never does.
     */
    private static final Duration TINY_TIMEOUT = Duration.ofMillis(100);

    @ParameterizedTest
    @EnumSource(BaseImage.class)
    @Tag(Need.DOCKER)
    @Tag(Need.NATIVE)
    void coldStartRecordsTheFivePhasesInOrder(BaseImage base) {
        try (Deployment deployment = DockerRuntime.builder().base(base).build().deploy(FunctionArtifact.bundled(Abi.CLI))) {
            Phases phases = Phases.recording();
            assertEquals(CatalogFunction.PRIME.reference(1000), deployment.coldInvoke(CatalogFunction.PRIME, 1000, phases));
            assertEquals(List.of(ColdPhases.CREATE, ColdPhases.START, ColdPhases.COMPUTE, ColdPhases.EXIT, ColdPhases.REMOVE), PhaseAssertions.assertInOrder(phases));
        }
        assertEquals(List.of(), DockerEngine.local().tracked().stream().toList(), "a cold start leaves no container");
    }

    @Test
    @Tag(Need.DOCKER)
    @Tag(Need.NATIVE)
    void redeployingTheSameBinaryReusesItsImageAndAnotherBinaryGetsItsOwn() throws Exception {
        DockerEngine engine = DockerEngine.local();
        FunctionArtifact module = FunctionArtifact.bundled(Abi.CLI);
        String image = NebulaImage.ensure(engine, BaseImage.SCRATCH, module);
        String imageId = engine.imageId(image);
        assertTrue(image.contains(module.sha256().substring(0, 16)), image + " should name the binary's sha256");
        assertEquals(image, NebulaImage.ensure(engine, BaseImage.SCRATCH, module));
        assertEquals(imageId, engine.imageId(image), "an unchanged binary must not be rebuilt");

        // Trailing bytes change the sha256 but not what an ELF executable does.
        byte[] bytes = Arrays.copyOf(module.bytes(), module.bytes().length + 1);
        FunctionArtifact other = new FunctionArtifact(Abi.CLI, "nebula-with-a-trailing-byte", bytes);
        String otherImage = NebulaImage.ensure(engine, BaseImage.SCRATCH, other);
        try {
            assertNotEquals(image, otherImage);
            try (Deployment deployment = DockerRuntime.scratch().deploy(other)) {
                assertEquals(CatalogFunction.FIB.reference(90), deployment.coldInvoke(CatalogFunction.FIB, 90, Phases.IGNORED));
            }
        } finally {
            engine.client().removeImageCmd(otherImage).exec();
        }
    }

    @Test
    @Tag(Need.DOCKER)
    @Tag(Need.NATIVE)
    void warmContainerHasNoNetworkCarriesTheNebulaLabelAndIsRemovedAtClose() {
        DockerEngine engine = DockerEngine.local();
        String id;
        try (Deployment deployment = DockerRuntime.scratch().deploy(FunctionArtifact.bundled(Abi.CLI))) {
            WarmContainer instance = (WarmContainer) deployment.start();
            id = instance.id();
            InspectContainerResponse container = engine.client().inspectContainerCmd(id).exec();
            assertEquals(DockerDeployment.NETWORK_NONE, container.getHostConfig().getNetworkMode());
            assertEquals(ContainerJanitor.SESSION, container.getConfig().getLabels().get(ContainerJanitor.SESSION_LABEL));
            assertEquals(CatalogFunction.EXP.reference(709), instance.invoke(CatalogFunction.EXP, 709));
        }
        assertTrue(engine.nebulaContainers().stream().noneMatch(c -> c.getId().equals(id)), "closing the deployment removes its instances");
    }

    @Test
    @Tag(Need.DOCKER)
    @Tag(Need.NATIVE)
    void hungColdInvocationIsKilledAndItsContainerRemoved() {
        DockerRuntime runtime = DockerRuntime.builder().timeout(TINY_TIMEOUT).build();
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.CLI))) {
            Phases phases = Phases.recording();
            assertThrows(InvocationTimeoutException.class, () -> deployment.coldInvoke(CatalogFunction.FIB_REC, 40, phases));
            assertEquals(0, phases.count(), "a failed cold start records no partial breakdown: " + phases);
            assertEquals(List.of(), sessionContainers(), "the hung container is removed");
            // A cold container takes longer than the tiny limit just to exit, so usability is checked warm.
            try (FunctionInstance instance = deployment.start()) {
                assertEquals(CatalogFunction.FIB.reference(10), instance.invoke(CatalogFunction.FIB, 10), "the deployment stays usable");
            }
        }
    }

    @Test
    @Tag(Need.DOCKER)
    @Tag(Need.NATIVE)
    void hungWarmInvocationIsKilledAndItsContainerRemoved() {
        DockerRuntime runtime = DockerRuntime.builder().timeout(TINY_TIMEOUT).build();
        try (Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.CLI))) {
            FunctionInstance instance = deployment.start();
            assertEquals(CatalogFunction.FIB.reference(10), instance.invoke(CatalogFunction.FIB, 10));
            assertThrows(InvocationTimeoutException.class, () -> instance.invoke(CatalogFunction.FIB_REC, 40));
            assertEquals(List.of(), sessionContainers(), "the hung container is removed");
            TrapException gone = assertThrows(TrapException.class, () -> instance.invoke(CatalogFunction.FIB, 10));
            assertTrue(gone.getMessage().contains("start a new instance"), gone.getMessage());
            try (FunctionInstance fresh = deployment.start()) {
                assertEquals(CatalogFunction.FIB.reference(10), fresh.invoke(CatalogFunction.FIB, 10));
            }
        }
    }

    @Test
    void noEngineIsAQuickErrorThatNamesTheStartScript(@TempDir Path directory) {
        Path nowhere = directory.resolve("docker.sock");
        DockerRuntime runtime = DockerRuntime.builder().dockerHost(URI.create("unix://" + nowhere)).build();
        RuntimeUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(RuntimeUnavailableException.class, runtime::requireAvailable));
        assertTrue(e.getMessage().contains("scripts/docker-up.sh"), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, "one line of explanation: " + e.getMessage());
        // An ELF header alone passes deploy's first check, so this unit test needs no native binary.
        FunctionArtifact elfHeader = new FunctionArtifact(Abi.CLI, "elf-header-only", new byte[] {0x7f, 'E', 'L', 'F'});
        assertThrows(RuntimeUnavailableException.class, () -> runtime.deploy(elfHeader));
    }

    @Test
    @Tag(Need.DOCKER)
    @Tag(Need.NATIVE)
    void engineStoppingMidRunIsAClearErrorAndLeavesNoPartialPhases() throws Exception {
        Deployment deployment = null;
        FunctionInstance instance = null;
        DockerEngine viaProxy = null;
        try (EngineProxy proxy = EngineProxy.start(DockerEngine.DEFAULT_HOST)) {
            DockerRuntime runtime = DockerRuntime.builder().dockerHost(proxy.uri()).build();
            viaProxy = DockerEngine.at(proxy.uri());
            deployment = runtime.deploy(FunctionArtifact.bundled(Abi.CLI));
            instance = deployment.start();
            assertEquals(CatalogFunction.FIB.reference(10), deployment.coldInvoke(CatalogFunction.FIB, 10, Phases.IGNORED));

            proxy.stop();
            Phases phases = Phases.recording();
            Deployment stopped = deployment;
            RuntimeUnavailableException e = assertThrows(RuntimeUnavailableException.class,
                    () -> stopped.coldInvoke(CatalogFunction.FIB, 10, phases));
            assertTrue(e.getMessage().contains("stopped answering") && e.getMessage().contains("scripts/docker-up.sh"), e.getMessage());
            assertEquals(0, phases.count(), "no half-written breakdown: " + phases);
            // The warm channel is a socket straight to the container: it does not need the engine.
            assertEquals(CatalogFunction.FIB.reference(20), instance.invoke(CatalogFunction.FIB, 20));
            FunctionInstance running = instance;
            RuntimeUnavailableException onClose = assertThrows(RuntimeUnavailableException.class, running::close);
            assertTrue(onClose.getMessage().contains("scripts/docker-up.sh"), onClose.getMessage());
        } finally {
            // The real engine is still up: remove what the unreachable one could not.
            if (viaProxy != null) {
                viaProxy.tracked().forEach(DockerEngine.local()::remove);
            }
        }
    }

    private static List<String> sessionContainers() {
        return DockerEngine.local().nebulaContainers().stream()
                .filter(c -> ContainerJanitor.SESSION.equals(c.getLabels().get(ContainerJanitor.SESSION_LABEL)))
                .map(c -> c.getId())
                .toList();
    }
}
