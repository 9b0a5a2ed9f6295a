package dev.nebula.run;

import dev.nebula.ExitStatus;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import sun.misc.Signal;

/**
 * A launch's answer to SIGINT and SIGTERM: the running case is stopped and its fork killed (SIGTERM first, so the
 * fork's own shutdown hooks remove its containers, then SIGKILL for whatever is left after {@value #FORK_GRACE_MILLIS}
 * ms), the cases that finished are handed to the launcher's {@link Keeper} to be written with the usual safety, and
 * the launcher exits 130 (INT) or 143 (TERM).
 *
 * <p>JMH's Runner returns results only when its run ends, so {@link #jmh()} hands JMH an output format that also keeps
 * each case as JMH reports it finished ({@code endBenchmark}: the aggregate of the case's forks, every measured
 * iteration kept); when a pass returns, its own results replace those, so a finished pass keeps its forks apart.
 */
final class Interruption {
    /** Writes the cases finished when {@code signal} came; prints what it wrote and what it did not. */
    @FunctionalInterface
    interface Keeper {
        void keep(List<RunResult> finished, String signal);
    }

    static final long FORK_GRACE_MILLIS = 1000;

    private enum State { IDLE, RUNNING, STOPPING, FINISHING }

    private final AtomicReference<State> state = new AtomicReference<>(State.IDLE);
    private final List<RunResult> finished = new ArrayList<>(); // guarded by this
    private final PrintStream console;
    private volatile Keeper keeper;

    Interruption(PrintStream console) {
        this.console = console;
    }

    /** From now on, SIGINT or SIGTERM stops the launch and hands what finished to {@code keeper}. */
    void arm(Keeper keeper) {
        this.keeper = keeper;
        state.set(State.RUNNING);
        handle("INT", ExitStatus.INTERRUPTED);
        handle("TERM", ExitStatus.TERMINATED);
    }

    private void handle(String name, int status) {
        try {
            Signal.handle(new Signal(name), signal -> stop("SIG" + name, status));
        } catch (IllegalArgumentException reserved) {
            // the JVM keeps this signal (-Xrs): it then ends the run as it always did
        }
    }

    /**
     * Called when the passes are done and the launcher writes its results itself; a signal from now on only says
     * so. When a signal is already keeping what finished, this thread waits for its exit.
     */
    void disarm() {
        if (!state.compareAndSet(State.RUNNING, State.FINISHING) && state.get() == State.STOPPING) {
            waitForExit();
        }
    }

    /** JMH's Runner, keeping each case as it finishes for {@link #stop}. */
    PassSequence.PassRunner jmh() {
        return pass -> {
            waitForExitIfStopping();
            int before;
            synchronized (this) {
                before = finished.size();
            }
            Collection<RunResult> results = new Runner(pass, new Recording(jmhOutput(pass), this::caseFinished)).run();
            synchronized (this) {
                finished.subList(before, finished.size()).clear();
                finished.addAll(results);
            }
            return results;
        };
    }

    private synchronized void caseFinished(BenchmarkResult result) {
        if (result != null && !result.getIterationResults().isEmpty()) {
            finished.add(new RunResult(result.getParams(), List.of(result)));
        }
    }

    private void stop(String signal, int status) {
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            if (state.get() == State.FINISHING) {
                console.println("nebula: " + signal + ": every case has run; the results are being written, whole");
            }
            return;
        }
        console.println();
        console.println("nebula: " + signal + ": stopping the running case and its fork");
        try {
            killForks();
            List<RunResult> kept;
            synchronized (this) {
                kept = List.copyOf(finished);
            }
            keeper.keep(kept, signal);
            console.println("nebula: " + signal + ": not run: the case that was running and every case after it");
        } finally {
            killForks(); // a fork JMH started while the first ones were going
            System.exit(status);
        }
    }

    /** SIGTERM to the forks, so their shutdown hooks remove their containers; SIGKILL to what is left after the grace. */
    static void killForks() {
        List<ProcessHandle> everything = ProcessHandle.current().descendants().toList();
        List<ProcessHandle> forks = ProcessHandle.current().children().toList();
        forks.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FORK_GRACE_MILLIS);
        for (ProcessHandle fork : forks) {
            try {
                fork.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                break; // the grace is over: SIGKILL below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        everything.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void waitForExitIfStopping() {
        if (state.get() == State.STOPPING) {
            waitForExit();
        }
    }

    /** The signal's thread writes and exits; this one must start nothing more meanwhile. */
    private static void waitForExit() {
        while (true) {
            LockSupport.park();
        }
    }

    /** JMH's own console output for {@code pass}, as its Runner would make it ({@code -o FILE}, {@code -v}). */
    private static OutputFormat jmhOutput(Options pass) {
        PrintStream out = System.out;
        if (pass.getOutput().hasValue()) {
            try {
                out = new PrintStream(new FileOutputStream(pass.getOutput().get()), true, StandardCharsets.UTF_8);
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException("cannot write JMH's output to " + pass.getOutput().get(), e);
            }
        }
        return OutputFormatFactory.createFormatInstance(out, pass.verbosity().orElse(Defaults.VERBOSITY));
    }

    /** JMH's output format, telling each finished case on, and holding JMH's thread still while a signal is handled. */
    private final class Recording implements OutputFormat {
        private final OutputFormat jmh;
        private final Consumer<BenchmarkResult> onCaseFinished;

        Recording(OutputFormat jmh, Consumer<BenchmarkResult> onCaseFinished) {
            this.jmh = jmh;
            this.onCaseFinished = onCaseFinished;
        }

        @Override
        public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
            waitForExitIfStopping();
            jmh.iteration(benchParams, params, iteration);
        }

        @Override
        public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
            jmh.iterationResult(benchParams, params, iteration, data);
        }

        @Override
        public void startBenchmark(BenchmarkParams benchParams) {
            waitForExitIfStopping();
            jmh.startBenchmark(benchParams);
        }

        @Override
        public void endBenchmark(BenchmarkResult result) {
            if (state.get() != State.STOPPING) { // a case cut short by the signal did not finish
                onCaseFinished.accept(result);
            }
            jmh.endBenchmark(result);
        }

        @Override
        public void startRun() {
            jmh.startRun();
        }

        @Override
        public void endRun(Collection<RunResult> result) {
            jmh.endRun(result);
        }

        @Override
        public void print(String s) {
            waitForExitIfStopping();
            jmh.print(s);
        }

        @Override
        public void println(String s) {
            waitForExitIfStopping();
            jmh.println(s);
        }

        @Override
        public void flush() {
            jmh.flush();
        }

        @Override
        public void close() {
            jmh.flush(); // JMH closes its format at the end of every run; System.out must stay open for the next
        }

        @Override
        public void verbosePrintln(String s) {
            waitForExitIfStopping();
            jmh.verbosePrintln(s);
        }

        @Override
        public void write(int b) {
            jmh.write(b);
        }

        @Override
        public void write(byte[] b) throws IOException {
            jmh.write(b);
        }
    }
}
