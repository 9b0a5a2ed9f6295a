package dev.nebula.serve;

import dev.nebula.function.Function;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Instance;
import dev.nebula.runtime.Module;
import dev.nebula.runtime.Runtime;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runtime whose every invoke does what the test scripts (answer, throw, block), so that the server's answers to
 * traps, timeouts, wrong answers and overload can be provoked; it counts what it starts and closes.
 */
final class ScriptedRuntime implements Runtime {
    interface Behaviour {
        long invoke(Function function, long n) throws Exception;
    }

    private final String id;
    private final Behaviour behaviour;
    private final RuntimeException unavailable;
    final AtomicInteger instancesStarted = new AtomicInteger();
    final AtomicInteger instancesClosed = new AtomicInteger();
    final AtomicInteger deploymentsClosed = new AtomicInteger();

    ScriptedRuntime(String id, Behaviour behaviour) {
        this(id, behaviour, null);
    }

    ScriptedRuntime(String id, Behaviour behaviour, RuntimeException unavailable) {
        this.id = id;
        this.behaviour = behaviour;
        this.unavailable = unavailable;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "a scripted runtime for tests";
    }

    @Override
    public Set<Abi> abis() {
        return Set.of(Abi.HANDLER);
    }

    @Override
    public void requireAvailable() {
        if (unavailable != null) {
            throw unavailable;
        }
    }

    @Override
    public Deployment deploy(Module module) {
        return new Deployment() {
            @Override
            public Instance start() {
                instancesStarted.incrementAndGet();
                return new Instance() {
                    @Override
                    public long invoke(Function function, long n) {
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
