package dev.nebula.serve;

import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Phases;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * An upload as the server runs it: what the store holds, its deployment on each runtime it was deployed to with a
 * pool of started instances for warm requests, and its reference answers.
 */
final class UploadedFunction implements AutoCloseable {
    private volatile StoredFunction stored;
    private final FirstAnswers answers;
    private final Map<String, OnRuntime> runtimes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** The deployment on one runtime and its warm instances. */
    private static final class OnRuntime {
        final FunctionDeployer.Deployed deployed;
        final Deque<FunctionDeployer.Instance> idle = new ConcurrentLinkedDeque<>();
        final Set<FunctionDeployer.Instance> live = ConcurrentHashMap.newKeySet();

        OnRuntime(FunctionDeployer.Deployed deployed) {
            this.deployed = deployed;
        }
    }

    UploadedFunction(StoredFunction stored) {
        this.stored = stored;
        this.answers = new FirstAnswers(stored.checkN(), stored.checkAnswer());
    }

    StoredFunction stored() {
        return stored;
    }

    /** The store's new record of it, after a native binary joined the module (same name, same check). */
    void restored(StoredFunction updated) {
        this.stored = updated;
    }

    FirstAnswers answers() {
        return answers;
    }

    /** The runtimes it is deployed on, sorted. */
    List<String> runtimeIds() {
        return runtimes.keySet().stream().sorted().toList();
    }

    boolean deployedOn(String runtimeId) {
        return runtimes.containsKey(runtimeId);
    }

    void add(String runtimeId, FunctionDeployer.Deployed deployed) {
        OnRuntime previous = runtimes.put(runtimeId, new OnRuntime(deployed));
        if (previous != null) {
            close(previous);
        }
    }

    /** One request on a runtime it is deployed on: a fresh instance (cold) or one from the pool (warm). */
    UploadInvocation run(String runtimeId, long n, StartMode start, long queueNanos) {
        OnRuntime on = runtimes.get(runtimeId);
        if (on == null || closed) {
            throw new Refusal.ShuttingDown();
        }
        Phases phases = Phases.recording();
        String answer;
        boolean freshInstance = true;
        if (start == StartMode.COLD) {
            answer = on.deployed.coldRun(n, phases);
        } else {
            FunctionDeployer.Instance instance = on.idle.pollFirst();
            freshInstance = instance == null;
            phases.begin();
            if (freshInstance) {
                instance = on.deployed.start();
                on.live.add(instance);
                if (closed) {
                    retire(on, instance);
                    throw new Refusal.ShuttingDown();
                }
                phases.mark(Deployment.START);
            }
            boolean reusable = false;
            try {
                answer = instance.run(n);
                phases.mark(Deployment.INVOKE);
                reusable = true;
            } finally {
                // An instance that failed is not handed out again.
                if (reusable && !closed) {
                    on.idle.offerFirst(instance);
                } else {
                    retire(on, instance);
                }
            }
        }
        return new UploadInvocation(answer, Invocation.phases(phases), phases.totalNanos(), queueNanos, freshInstance);
    }

    /** Undeploys it everywhere: every instance, then every deployment. */
    @Override
    public void close() {
        closed = true;
        for (OnRuntime on : List.copyOf(runtimes.values())) {
            close(on);
        }
        runtimes.clear();
    }

    private static void close(OnRuntime on) {
        on.idle.clear();
        for (FunctionDeployer.Instance instance : List.copyOf(on.live)) {
            retire(on, instance);
        }
        on.deployed.close();
    }

    private static void retire(OnRuntime on, FunctionDeployer.Instance instance) {
        if (on.live.remove(instance)) {
            instance.close();
        }
    }
}
