package dev.nebula.runtime.docker;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import java.util.Arrays;

/**
 * A separate JVM for {@link DockerEnvironmentTest}: {@code run} deploys a binary no image exists for yet (so the
 * image is built in this JVM) and prints a cold and a warm answer; {@code leave-running} starts a warm container,
 * prints its id and exits without closing anything.
 */
public final class DockerSmoke {
    private DockerSmoke() {}

    /** The bundled binary plus one trailing byte: runs the same, but its image tag is its own. */
    static FunctionArtifact freshModule() {
        byte[] bytes = FunctionArtifact.bundled(Abi.CLI).bytes();
        return new FunctionArtifact(Abi.CLI, "nebula-smoke", Arrays.copyOf(bytes, bytes.length + 1));
    }

    public static void main(String[] args) {
        DockerRuntime runtime = DockerRuntime.scratch();
        runtime.requireAvailable();
        switch (args[0]) {
            case "run" -> {
                try (Deployment deployment = runtime.deploy(freshModule()); FunctionInstance instance = deployment.start()) {
                    long cold = deployment.coldInvoke(CatalogFunction.FIB, 90, Phases.IGNORED);
                    long warm = instance.invoke(CatalogFunction.FACT, 20);
                    System.out.println("cold=" + CatalogFunction.FIB.format(cold) + " warm=" + CatalogFunction.FACT.format(warm));
                }
            }
            case "leave-running" -> {
                Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.CLI));
                WarmContainer instance = (WarmContainer) deployment.start();
                System.out.println("container=" + instance.id());
            }
            default -> throw new IllegalArgumentException("usage: DockerSmoke run|leave-running");
        }
    }
}
