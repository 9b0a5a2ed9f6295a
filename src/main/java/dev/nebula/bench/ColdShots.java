package dev.nebula.bench;

import dev.nebula.function.Function;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Phases;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A deployed case, fired one cold request at a time: what both cold-start benchmarks measure. A host state
 * deploys it in its own trial setup (which takes this state as an argument, so JMH creates it first and tears it
 * down after); after each shot, outside the measured region, the answer is checked and the phases go to
 * {@link NebulaProfiler}.
 */
@State(Scope.Thread)
public class ColdShots {
    private Case target;
    private Deployment deployment;
    private Function function;
    private long n;
    private final Phases phases = Phases.recording();
    private long answer;

    /** Deploys the case: what a FaaS host does before any request. */
    void deploy(Case target) {
        this.target = target;
        this.function = target.function();
        this.n = target.n();
        this.deployment = target.deploy();
    }

    /** One cold request: start a fresh instance, invoke it once, close it, recording the phases. */
    long fire() {
        return answer = deployment.coldInvoke(function, n, phases);
    }

    /** After each shot: a wrong answer fails the benchmark, so it is never reported; the phases go to the profiler. */
    @TearDown(Level.Iteration)
    public void checkLastShot() {
        target.verify(answer, "cold start");
        NebulaProfiler.record(phases);
    }

    @TearDown(Level.Trial)
    public void undeploy() {
        if (deployment != null) {
            deployment.close();
        }
    }
}
