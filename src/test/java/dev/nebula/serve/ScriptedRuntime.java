package dev.nebula.serve;

import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.RuntimeDescriptor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runtime whose every invoke does what the test scripts (answer, throw, block), so that the server's answers to
 * traps, timeouts, wrong answers and overload can be provoked; it counts what it starts and closes.
 */
public final class ScriptedRuntime implements FunctionHost {
    public interface Behaviour {
        long invoke(CatalogFunction function, long n) throws Exception;
    }

    private final String id;
    private final Behaviour behaviour;
    private final RuntimeException unavailable;
    final AtomicInteger instancesStarted = new AtomicInteger();
    final AtomicInteger instancesClosed = new AtomicInteger();
    final AtomicInteger deploymentsClosed = new AtomicInteger();

    public ScriptedRuntime(String id, Behaviour behaviour) {
        this(id, behaviour, null);
    }

    public ScriptedRuntime(String id, Behaviour behaviour, RuntimeException unavailable) {
        this.id = id;
        this.behaviour = behaviour;
        this.unavailable = unavailable;
    }

    @Override
    public RuntimeDescriptor descriptor() {
        return new RuntimeDescriptor(id, RuntimeDescriptor.Kind.IN_JVM, List.of(Abi.HANDLER), RuntimeDescriptor.Footprint.HEAP,
                RuntimeDescriptor.Artifact.none());
    }

    @Override
    public String description() {
        return "a scripted runtime for tests";
    }


    @Override
    public void requireAvailable() {
        if (unavailable != null) {
            throw unavailable;
        }
    }

    @Override
    public Deployment deploy(FunctionArtifact module) {
        return new Deployment() {
            @Override
            public FunctionInstance start() {
                instancesStarted.incrementAndGet();
                return new FunctionInstance() {
                    @Override
                    public long invoke(CatalogFunction function, long n) {
                        try {
                            return behaviour.invoke(function, n);
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public void close() {
                        instancesClosed.incrementAndGet();
                    }
                };
            }

            @Override
            public void close() {
                deploymentsClosed.incrementAndGet();
            }
        };
    }
}
