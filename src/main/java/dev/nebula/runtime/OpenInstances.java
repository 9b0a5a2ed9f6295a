package dev.nebula.runtime;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances a deployment started and has not seen closed, so that closing the deployment closes them too: for
 * runtimes whose instances hold something outside the JVM (a process, a container). An instance reports its own
 * close with {@link #closed}.
 */
public final class OpenInstances<I extends FunctionInstance> {
    private final Set<I> open = ConcurrentHashMap.newKeySet();

    /** Remembers a started instance and returns it. */
    public I add(I instance) {
        open.add(instance);
        return instance;
    }

    /** Forgets an instance that was closed; its close callback. */
    public void closed(I instance) {
        open.remove(instance);
    }

    /** The instances open now, as a copy. */
    public List<I> open() {
        return List.copyOf(open);
    }

    /** Closes every open instance, each one even when an earlier one fails; throws the first failure, the others suppressed. */
    public void closeAll() {
        RuntimeException first = null;
        for (I instance : List.copyOf(open)) {
            try {
                instance.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
