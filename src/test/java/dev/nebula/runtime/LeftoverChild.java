package dev.nebula.runtime;

import dev.nebula.function.CatalogFunction;

/**
 * A child JVM for {@link KilledJvmLeftoversTest}: {@code <runtime> hold} deploys, serves one cold request, starts a
 * warm instance, says {@code ready} and waits to be killed; {@code <runtime> sweep} deploys (the first deploy of a
 * JVM sweeps what dead JVMs left) and closes.
 */
public final class LeftoverChild {
    private LeftoverChild() {}

    public static void main(String[] args) throws InterruptedException {
        FunctionHost runtime = Runtimes.byId(args[0]);
        runtime.requireAvailable();
        Deployment deployment = runtime.deploy(FunctionArtifact.bundled(Abi.CLI));
        if (args[1].equals("sweep")) {
            deployment.close();
            System.out.println("swept");
            return;
        }
        deployment.coldInvoke(CatalogFunction.FIB, 10, Phases.IGNORED);
        FunctionInstance instance = deployment.start();
        if (instance.invoke(CatalogFunction.FIB, 10) != CatalogFunction.FIB.reference(10)) {
            throw new AssertionError("wrong answer");
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
