package dev.nebula.measure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * What an operation costs in CPU and energy, whoever pays it, as JMH secondary metrics
 * ({@code -prof dev.nebula.measure.CpuProfiler}):
 * <ul>
 *   <li>{@value #MACHINE}: µs of CPU the whole machine spent per operation: {@code /proc/stat} busy time over the
 *       iteration (this JVM with its JIT and GC threads, dockerd, containerd, the shim, runc, containers, server
 *       processes, the kernel), minus what the rest of the machine did when the benchmark was idle;</li>
 *   <li>{@value #MACHINE_TICKS}: the {@code /proc/stat} ticks (10 ms of one CPU each) behind it, summed over the
 *       iterations and forks; under {@value #MIN_TICKS} the figure is coarse, and the fork says so;</li>
 *   <li>{@value #MACHINE_IDLE}: that idle baseline, in cores, measured once per fork for {@value #IDLE_MILLIS_DEFAULT}
 *       ms before the first iteration (system property {@value #IDLE_MILLIS_PROPERTY}); it is the machine's busy time
 *       without this JVM's own, so JIT work still finishing from JVM start-up is not subtracted from later
 *       iterations;</li>
 *   <li>{@value #JVM}: µs of CPU this JVM spent per operation (all its threads, to the nanosecond: {@link ProcessCpuClock}), so the
 *       split between the benchmark's JVM and everything else is visible;</li>
 *   <li>{@value #ENERGY_MEASURED}, µJ per operation, where RAPL counters are readable, minus the idle draw
 *       ({@value #ENERGY_MEASURED_IDLE}, W); otherwise {@value #ENERGY_ESTIMATED}, µJ per operation: {@value #MACHINE}
 *       × {@value #WATTS_PER_CORE} (see {@link EnergyCoefficient}). An estimate is never named a measurement.</li>
 * </ul>
 *
 * <p>An operation is what JMH's score counts: {@link #operations} explains it per mode. The window is from
 * {@code beforeIteration} to {@code afterIteration}, which also holds the iteration's own setup and teardown (the
 * answer checks); the first iteration of a fork also holds {@code @Setup(Level.Trial)} (deploy), so a fork that
 * measures without a warm-up iteration gets {@value #INCLUDES_SETUP} = 1.
 */
public final class CpuProfiler implements InternalProfiler {
    public static final String MACHINE = "cpu.machine";
    public static final String MACHINE_TICKS = "cpu.machine.ticks";
    public static final String MACHINE_IDLE = "cpu.machine.idle";
    public static final String INCLUDES_SETUP = "cpu.machine.includesSetup";
    public static final String JVM = "cpu.jvm";
    public static final String ENERGY_MEASURED = "energy.measured";
    public static final String ENERGY_MEASURED_IDLE = "energy.measured.idle";
    public static final String ENERGY_ESTIMATED = "energy.estimated";
    public static final String WATTS_PER_CORE = "energy.estimated.wattsPerCore";
    /** The fewest ticks a figure should rest on: one tick more or less is then at most 1%. */
    public static final long MIN_TICKS = 100;
    public static final String IDLE_MILLIS_PROPERTY = "nebula.cpu.idleMillis";
    static final long IDLE_MILLIS_DEFAULT = 500; // per fork: a second would add minutes to the suite
    /** Above this share of the cores busy at idle, the fork warns that whole-machine figures are unreliable. */
    static final double BUSY_MACHINE_SHARE = 0.1;
    static final String CPU_UNIT = "µs/op";
    static final String ENERGY_UNIT = "µJ/op";

    /** The counters the profiler reads; the real machine's by default. */
    interface Counters {
        long nanoTime();

        long machineBusyTicks();

        long jvmCpuNanos();

        /** Every RAPL zone's µJ counter, or empty where there is none. */
        Optional<PowercapEnergy> energy();

        void sleep(long millis) throws InterruptedException;
    }

    /** One reading of every counter. */
    record Snapshot(long nanos, long busyTicks, long jvmCpuNanos, long[] microJoules) {}

    /** The rest of the machine while the benchmark is idle: busy cores, and the draw in watts (NaN without RAPL). */
    record Idle(double otherCores, double watts) {}

    private final Counters counters;
    private final long idleMillis;
    private final Optional<PowercapEnergy> energy;
    private final EnergyCoefficient coefficient;
    private Idle idle;
    private Snapshot start;
    private boolean firstIteration = true;
    private boolean windowIncludesSetup;
    private long forkTicks;
    private int measuredIterations;

    public CpuProfiler() {
        this(machineCounters(), Long.getLong(IDLE_MILLIS_PROPERTY, IDLE_MILLIS_DEFAULT), EnergyCoefficient.forThisMachine());
    }

    CpuProfiler(Counters counters, long idleMillis, EnergyCoefficient coefficient) {
        this.counters = counters;
        this.idleMillis = idleMillis;
        this.energy = counters.energy();
        this.coefficient = coefficient;
    }

    @Override
    public String getDescription() {
        return "Nebula: CPU time per operation (whole machine from /proc/stat, idle-subtracted; this JVM), and energy"
                + " per operation (RAPL where readable, else estimated from CPU time)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (idle == null) {
            idle = measureIdle();
        }
        windowIncludesSetup = firstIteration; // @Setup(Level.Trial) runs inside the fork's first iteration
        firstIteration = false;
        start = snapshot();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        Snapshot end = snapshot();
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        long operations = operations(result);
        List<Result> metrics = metrics(start, end, operations);
        if (operations > 0) {
            forkTicks += end.busyTicks() - start.busyTicks();
        }
        if (++measuredIterations == iterationParams.getCount() && forkTicks < MIN_TICKS) {
            System.out.println("nebula: " + MACHINE + " of this fork rests on " + forkTicks + " /proc/stat ticks, fewer"
                    + " than " + MIN_TICKS + ": lengthen the iterations for a finer figure");
        }
        return metrics;
    }

    /**
     * The operations JMH's score of this iteration counts, which {@link IterationResult#getMetadata()} holds as
     * {@code allOps}. Per mode (JMH 1.37's generated code): SingleShotTime: {@code opsPerInvocation}, 1 by default,
     * per shot whatever the batch size (the score is the batch's time); SampleTime: every operation run, sampled or
     * not ({@code getSampleCount()} counts only the timed samples); Throughput and AverageTime: every operation in
     * the iteration, including the few run while threads synchronize around the timed part, since the CPU window
     * holds those too.
     */
    static long operations(IterationResult result) {
        return result.getMetadata().getAllOps();
    }

    List<Result> metrics(Snapshot from, Snapshot to, long operations) {
        if (operations <= 0) {
            return List.of();
        }
        List<Result> metrics = new ArrayList<>();
        long wallNanos = to.nanos() - from.nanos();
        long busyTicks = to.busyTicks() - from.busyTicks();
        double machineNanos = busyTicks * (double) ProcStat.NANOS_PER_TICK - idle.otherCores() * wallNanos;
        double machineMicrosPerOp = machineNanos / operations / 1e3;
        metrics.add(new ScalarResult(MACHINE, machineMicrosPerOp, CPU_UNIT, AggregationPolicy.AVG));
        metrics.add(new ScalarResult(MACHINE_TICKS, busyTicks, "ticks", AggregationPolicy.SUM));
        metrics.add(new ScalarResult(MACHINE_IDLE, idle.otherCores(), "cores", AggregationPolicy.AVG));
        if (windowIncludesSetup) {
            metrics.add(new ScalarResult(INCLUDES_SETUP, 1, "#", AggregationPolicy.MAX));
        }
        metrics.add(new ScalarResult(JVM, (to.jvmCpuNanos() - from.jvmCpuNanos()) / (double) operations / 1e3, CPU_UNIT,
                AggregationPolicy.AVG));
        if (energy.isPresent()) {
            double microJoules = energy.get().microJoulesBetween(from.microJoules(), to.microJoules())
                    - idle.watts() * wallNanos / 1e3;
            metrics.add(new ScalarResult(ENERGY_MEASURED, microJoules / operations, ENERGY_UNIT, AggregationPolicy.AVG));
            metrics.add(new ScalarResult(ENERGY_MEASURED_IDLE, idle.watts(), "W", AggregationPolicy.AVG));
        } else {
            // µs of a busy core × watts per busy core = µJ
            metrics.add(new ScalarResult(ENERGY_ESTIMATED, machineMicrosPerOp * coefficient.wattsPerCore(), ENERGY_UNIT,
                    AggregationPolicy.AVG));
            metrics.add(new ScalarResult(WATTS_PER_CORE, coefficient.wattsPerCore(), "W", AggregationPolicy.AVG));
        }
        return metrics;
    }

    /** Measures the idle baseline; package-private so that tests can set the state a fork would have. */
    Idle measureIdle() {
        Snapshot before = snapshot();
        try {
            counters.sleep(idleMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Snapshot after = snapshot();
        double wallNanos = Math.max(1, after.nanos() - before.nanos());
        double othersNanos = (after.busyTicks() - before.busyTicks()) * (double) ProcStat.NANOS_PER_TICK
                - (after.jvmCpuNanos() - before.jvmCpuNanos());
        // ticks are coarse: a tick less than this JVM's precise CPU time is rounding, not negative work
        double otherCores = Math.max(0, othersNanos / wallNanos);
        double watts = energy.map(rapl -> rapl.microJoulesBetween(before.microJoules(), after.microJoules()) / (wallNanos / 1e3))
                .orElse(Double.NaN);
        int cores = java.lang.Runtime.getRuntime().availableProcessors();
        if (otherCores > BUSY_MACHINE_SHARE * cores) {
            System.out.printf(java.util.Locale.ROOT, "nebula: the machine was busy before this fork's first iteration (%.2f of %d"
                    + " cores without this benchmark): %s and energy subtract that, but on a machine that is not idle they are"
                    + " unreliable (the benchmark's work displaces the others' rather than adding to it)%n", otherCores, cores, MACHINE);
        }
        return idle = new Idle(otherCores, watts);
    }

    private Snapshot snapshot() {
        long[] microJoules = energy.map(PowercapEnergy::read).orElse(null);
        return new Snapshot(counters.nanoTime(), counters.machineBusyTicks(), counters.jvmCpuNanos(), microJoules);
    }

    private static Counters machineCounters() {
        Optional<PowercapEnergy> rapl = PowercapEnergy.under(PowercapEnergy.POWERCAP);
        return new Counters() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public long machineBusyTicks() {
                return ProcStat.read().busyTicks();
            }

            @Override
            public long jvmCpuNanos() {
                return ProcessCpuClock.nanos();
            }

            @Override
            public Optional<PowercapEnergy> energy() {
                return rapl;
            }

            @Override
            public void sleep(long millis) throws InterruptedException {
                Thread.sleep(millis);
            }
        };
    }
}
