package dev.nebula.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.runtime.Abi;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import dev.nebula.runtime.Runtimes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Artifact sizes per runtime come from each runtime's descriptor: a new runtime needs no line in ArtifactSizes. */
class ArtifactSizesTest {

    @Test
    void aNewRuntimesImageIsSizedFromItsDescriptorAlone() {
        RuntimeDescriptor ladderRung = new RuntimeDescriptor("rung", Kind.CONTAINER, List.of(Abi.CLI), Footprint.CONTAINERS,
                Artifact.image("nebula-cli-rung"));
        RuntimeDescriptor plain = new RuntimeDescriptor("plain", Kind.IN_JVM, List.of(Abi.HANDLER), Footprint.HEAP, Artifact.none());
        Map<String, Long> files = Map.of("image nebula-cli-rung", 42L, Abi.HANDLER.artifactName(), 7L);
        assertEquals(Map.of("rung", 42L), ArtifactSizes.perRuntime(files, List.of(ladderRung, plain)));
    }

    @Test
    void everyRegisteredRuntimeThatDeploysSomethingHasASize() {
        Map<String, Long> files = new LinkedHashMap<>();
        Runtimes.descriptors().forEach(runtime -> ArtifactSizes.label(runtime.artifact()).ifPresent(label -> files.put(label, 1L)));
        Map<String, Long> perRuntime = ArtifactSizes.perRuntime(files, Runtimes.descriptors());
        for (RuntimeDescriptor runtime : Runtimes.descriptors()) {
            assertEquals(runtime.artifact().type() != Artifact.Type.NONE, perRuntime.containsKey(runtime.id()), runtime.id());
        }
        assertTrue(perRuntime.size() >= 8, perRuntime.toString());
    }

    @Test
    void theModulesAreAlwaysMeasured() {
        Map<String, Long> files = ArtifactSizes.files(List.of());
        assertTrue(files.get(Abi.HANDLER.artifactName()) > 0 && files.get(Abi.WASI.artifactName()) > 0, files.toString());
    }
}
