package dev.nebula.runtime.java;

import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import java.util.List;
import java.util.Set;

/**
 * The floor: the catalog's reference implementations, called directly in this JVM. There is nothing to deploy
 * or start, so its cold start is the cost of the lifecycle itself.
 * <p>
 * It has no time limit ({@code -Dnebula.timeout} does not apply): a plain Java loop ignores interrupts, and stopping
 * a thread by force is unsafe. Running each call on a watched thread would add a hand-over to the floor itself. The
 * catalog's ranges bound every call instead (the slowest valid input takes seconds, not minutes).
 */
public final class JavaRuntime implements FunctionHost {
    public static final String ID = "java";
    public static final RuntimeDescriptor DESCRIPTOR = new RuntimeDescriptor(ID, Kind.IN_JVM, List.of(Abi.HANDLER), Footprint.HEAP, Artifact.none());


    @Override
    public RuntimeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String description() {
        return "plain Java: the catalog's reference implementations, JIT-compiled by the JVM";
    }


    @Override
    public boolean deploysAnyModule() {
        return false;
    }

    @Override
    public Deployment deploy(FunctionArtifact module) {
        if (module.abi() != Abi.HANDLER) {
            throw new IllegalArgumentException("runtime " + ID + " deploys the " + Abi.HANDLER + " ABI only, not " + module.abi());
        }
        return new JavaDeployment();
    }

    private static final class JavaDeployment implements Deployment {
        @Override
        public FunctionInstance start() {
            return new JavaInstance();
        }

        @Override
        public void close() {}
    }

    private static final class JavaInstance implements FunctionInstance {
        @Override
        public long invoke(CatalogFunction function, long n) {
            return function.reference(n);
        }

        @Override
        public void close() {}
    }
}
