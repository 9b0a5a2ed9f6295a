package dev.nebula.bench;

import dev.nebula.measure.PhaseProfiler;
import dev.nebula.measure.PhaseTotals;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Phases;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A deployed case, fired one cold request at a time: what the cold-start benchmarks measure. A host state deploys
 * it in its own trial setup (which takes this state as an argument, so JMH creates it first and tears it down
 * after). Every shot's answer is compared with the Java reference (one comparison of two longs inside the shot),
 * and a wrong one fails the iteration at its end, so it is never reported; every shot's phases are summed for
 * {@link PhaseProfiler}.
 */
@State(Scope.Thread)
public class ColdShots {
    private Case target;
    private Deployment deployment;
    private CatalogFunction function;
    private long n;
    private long expected;
    private final Phases phases = Phases.recording();
    private final PhaseTotals totals = new PhaseTotals();
    private long wrongAnswers;
    private long lastWrongAnswer;

    /** Deploys the case: what a FaaS host does before any request. */
    void deploy(Case target) {
        this.target = target;
        this.function = target.function();
        this.n = target.n();
        this.expected = target.expected();
        this.deployment = target.deploy();
        PhaseProfiler.register(totals);
    }

    /** One cold request: start a fresh instance, invoke it once, close it, recording the phases. */
    long fire() {
        long answer = deployment.coldInvoke(function, n, phases);
        totals.add(phases);
        if (answer != expected) {
            wrongAnswers++;
            lastWrongAnswer = answer;
        }
        return answer;
    }

    /** Forgets the phases of the shots so far: the setup's own shots are not measurements. */
    void forgetSetupShots() {
        totals.reset();
    }

    /** After each iteration (and after setup's first shot): any wrong answer fails the benchmark, so it is never reported. */
    @TearDown(Level.Iteration)
    public void checkShots() {
        if (wrongAnswers > 0) {
            target.verify(lastWrongAnswer, "cold start (" + wrongAnswers + " wrong answers)");
        }
    }

    @Override
    public String toString() {
        return String.valueOf(target);
    }

    @TearDown(Level.Trial)
    public void undeploy() {
        if (deployment != null) {
            deployment.close();
        }
    }
}
