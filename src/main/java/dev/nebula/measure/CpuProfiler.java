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
 *   <li>{@value #JVM}: µs of CPU this JVM spent per operation (all its threads, to the nanosecond: {@link ProcessCpuClock}),
 *       without this profiler's own poller ({@value #PROFILER});</li>
 *   <li>{@value #FUNCTION}, {@value #CONTAINERS}, {@value #CONTAINER_STACK}: µs per operation of the function's own
 *       processes (this JVM's children), of the containers' cgroups, and of dockerd, containerd and the shims, each
 *       as {@link ProcessGroupsCpu} defines and bounds it;</li>
 *   <li>{@value #ATTRIBUTED}: their sum with {@value #JVM}: the CPU the request's work is known to have cost. It cannot
 *       exceed what the machine had: online CPUs × the window's wall time, plus {@value #CAPACITY_TOLERANCE} of that
 *       for the readings of 10 ms ticks and the groups' readings just outside the window. An iteration above it gets
 *       {@value #OVER_CAPACITY} = 1 and a one-line warning; it is reported rather than failed, so the run's other
 *       figures survive, and a results consumer must drop a figure so flagged (a group counted twice or someone
 *       else's work counted as ours);</li>
 *   <li>{@value #MACHINE}: the cross-check: µs of CPU the whole machine spent per operation, {@code /proc/stat} busy
 *       time over the iteration minus what the rest of the machine did when the benchmark was idle, but never less
 *       than {@value #ATTRIBUTED}: the benchmark's work displaces other load rather than adding to it, so the
 *       baseline can exceed what the others did meanwhile, and a machine cannot use less CPU than its processes.
 *       {@value #MACHINE_FLOORED} counts the iterations where the floor applied;</li>
 *   <li>{@value #MACHINE_TICKS}: the {@code /proc/stat} ticks (10 ms of one CPU each) behind it, summed over the
 *       iterations and forks; under {@value #MIN_TICKS} the figure is coarse, and the fork says so;</li>
 *   <li>{@value #MACHINE_IDLE}: that idle baseline, in cores, measured once per fork for {@value #IDLE_MILLIS_DEFAULT}
 *       ms before the first iteration (system property {@value #IDLE_MILLIS_PROPERTY}); it is the machine's busy time
 *       without this JVM's own, so JIT work still finishing from JVM start-up is not subtracted from later
 *       iterations;</li>
 *   <li>{@value #ENERGY_MEASURED}, µJ per operation, from an external meter ({@link EnergyMeter}, source
 *       {@value #SOURCE_METER}) if one is given, else from RAPL counters where readable (source {@value #SOURCE_RAPL}),
 *       minus the idle draw measured with the idle baseline ({@value #ENERGY_MEASURED_IDLE}, W); otherwise
 *       {@value #ENERGY_ESTIMATED}, µJ per operation: {@value #ATTRIBUTED} × {@value #WATTS_PER_CORE} (see
 *       {@link EnergyCoefficient}). An estimate is never named a measurement.</li>
 * </ul>
 *
 * <p>An operation is what JMH's score counts: {@link #operations} explains it per mode. The window is from
 * {@code beforeIteration} to {@code afterIteration}, which also holds the iteration's own setup and teardown (the
 * answer checks); the first iteration of a fork also holds {@code @Setup(Level.Trial)} (deploy), so a fork that
 * measures without a warm-up iteration gets {@value #INCLUDES_SETUP} = 1 and no other figure for that iteration: the
 * setup's deploy and warm-up requests are not operations, so dividing their CPU by the iteration's few operations
 * made a cold docker request seem to cost 3.4 s of CPU where it costs 0.25 s (measured with one warm-up iteration).
 */
public final class CpuProfiler implements InternalProfiler {
    public static final String MACHINE = "cpu.machine";
    public static final String MACHINE_TICKS = "cpu.machine.ticks";
    public static final String MACHINE_IDLE = "cpu.machine.idle";
    public static final String MACHINE_FLOORED = "cpu.machine.floored";
    public static final String INCLUDES_SETUP = "cpu.machine.includesSetup";
    public static final String JVM = "cpu.jvm";
    public static final String FUNCTION = "cpu.function";
    public static final String CONTAINERS = "cpu.containers";
    public static final String CONTAINER_STACK = "cpu.containerStack";
    public static final String ATTRIBUTED = "cpu.attributed";
    public static final String OVER_CAPACITY = "cpu.attributed.overCapacity";
    /** The share of the machine's capacity an iteration's attributed CPU may exceed it by before it is flagged. */
    static final double CAPACITY_TOLERANCE = 0.05;
    public static final String PROFILER = "cpu.profiler";
    public static final String ENERGY_MEASURED = "energy.measured";
    public static final String ENERGY_MEASURED_IDLE = "energy.measured.idle";
    public static final String SOURCE_METER = "energy.measured.source.meter";
    public static final String SOURCE_RAPL = "energy.measured.source.rapl";
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

        /** The CPUs the machine has online: with the window's wall time, the most CPU time anything can use in it. */
        int onlineCpus();

        long jvmCpuNanos();

        /** The process groups' running totals ({@link ProcessGroupsCpu}). */
        ProcessGroupsCpu.Totals groups();

        /** Every RAPL zone's µJ counter, or empty where there is none. */
        Optional<PowercapEnergy> energy();

        /** The external meter, or empty where none is given. */
        Optional<EnergyMeter> meter();

        /** An iteration starts: the groups that must be read while they live are polled until {@link #windowCloses()}. */
        void windowOpens();

        void windowCloses();

        void sleep(long millis) throws InterruptedException;
    }

    /** One reading of every counter; the meter's with the time it was read at (the middle of its command's run). */
    record Snapshot(long nanos, long busyTicks, long jvmCpuNanos, ProcessGroupsCpu.Totals groups, long[] microJoules,
                    double meterJoules, long meterNanos) {
        Snapshot(long nanos, long busyTicks, long jvmCpuNanos, long[] microJoules) {
            this(nanos, busyTicks, jvmCpuNanos, ProcessGroupsCpu.Totals.ZERO, microJoules, Double.NaN, nanos);
        }
    }

    /** The rest of the machine while the benchmark is idle: busy cores, and the draw in watts (NaN without a meter or RAPL). */
    record Idle(double otherCores, double watts) {}

    private final Counters counters;
    private final long idleMillis;
    private final Optional<PowercapEnergy> energy;
    private final Optional<EnergyMeter> meter;
    private final EnergyCoefficient coefficient;
    private Idle idle;
    private Snapshot start;
    private boolean firstIteration = true;
    private boolean windowIncludesSetup;
    private long forkTicks;
    private int measuredIterations;
    private int flooredIterations;

    public CpuProfiler() {
        this(machineCounters(), Long.getLong(IDLE_MILLIS_PROPERTY, IDLE_MILLIS_DEFAULT), EnergyCoefficient.forThisMachine());
    }

    CpuProfiler(Counters counters, long idleMillis, EnergyCoefficient coefficient) {
        this.counters = counters;
        this.idleMillis = idleMillis;
        this.energy = counters.energy();
        this.meter = counters.meter();
        this.coefficient = coefficient;
    }

    @Override
    public String getDescription() {
        return "Nebula: CPU time per operation by process group (this JVM, the function's processes, containers, the"
                + " container stack) and for the whole machine (/proc/stat, idle-subtracted, never below the groups'),"
                + " and energy per operation (an external meter or RAPL where present, else estimated from CPU time)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (idle == null) {
            idle = measureIdle();
        }
        windowIncludesSetup = firstIteration; // @Setup(Level.Trial) runs inside the fork's first iteration
        firstIteration = false;
        counters.windowOpens();
        start = opening();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        Snapshot end = closing();
        counters.windowCloses();
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        long operations = operations(result);
        List<Result> metrics = metrics(start, end, operations);
        if (operations > 0) {
            forkTicks += end.busyTicks() - start.busyTicks();
        }
        if (++measuredIterations == iterationParams.getCount()) {
            if (forkTicks < MIN_TICKS) {
                System.out.println("nebula: " + MACHINE + " of this fork rests on " + forkTicks + " /proc/stat ticks, fewer"
                        + " than " + MIN_TICKS + ": lengthen the iterations for a finer figure");
            }
            if (flooredIterations > 0) {
                System.out.println("nebula: " + MACHINE + " was raised to " + ATTRIBUTED + " in " + flooredIterations + " of "
                        + measuredIterations + " iterations: the idle baseline was more than the rest of the machine did"
                        + " meanwhile (the benchmark displaced it)");
            }
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
        ProcessGroupsCpu.Totals a = from.groups();
        ProcessGroupsCpu.Totals b = to.groups();
        long profilerNanos = b.profilerNanos() - a.profilerNanos();
        double jvmNanos = Math.max(0, to.jvmCpuNanos() - from.jvmCpuNanos() - profilerNanos);
        // a group's total can drop (an orphaned descendant leaves it): count no negative work
        double functionNanos = Math.max(0, b.functionNanos() - a.functionNanos());
        double containersNanos = Math.max(0, b.containersNanos() - a.containersNanos());
        double stackNanos = Math.max(0, b.stackNanos() - a.stackNanos());
        double attributedNanos = jvmNanos + functionNanos + containersNanos + stackNanos;
        double capacityNanos = counters.onlineCpus() * (double) wallNanos;
        boolean overCapacity = attributedNanos > capacityNanos * (1 + CAPACITY_TOLERANCE);
        if (overCapacity) {
            System.out.printf(java.util.Locale.ROOT, "nebula: %s is impossible in this iteration: %.3f s of CPU in %.3f s on %d"
                    + " CPUs (at most %.3f s): a group is counted twice or holds others' work; do not use this iteration's"
                    + " cpu.* figures%n", ATTRIBUTED, attributedNanos / 1e9, wallNanos / 1e9, counters.onlineCpus(), capacityNanos / 1e9);
        }
        metrics.add(new ScalarResult(OVER_CAPACITY, overCapacity ? 1 : 0, "iterations", AggregationPolicy.SUM));
        if (windowIncludesSetup) {
            metrics.add(new ScalarResult(INCLUDES_SETUP, 1, "#", AggregationPolicy.MAX));
            System.out.printf(java.util.Locale.ROOT, "nebula: no cpu.* or energy.* per operation from this iteration: its window"
                    + " holds @Setup(Level.Trial) (deploy, warm-up requests), %.3f s of CPU for %d operations; measure after"
                    + " at least one warm-up iteration (-wi 1)%n", attributedNanos / 1e9, operations);
            return metrics;
        }
        double machineNanos = busyTicks * (double) ProcStat.NANOS_PER_TICK - idle.otherCores() * wallNanos;
        boolean floored = machineNanos < attributedNanos;
        if (floored) {
            machineNanos = attributedNanos;
            flooredIterations++;
        }
        metrics.add(perOperation(MACHINE, machineNanos, operations));
        metrics.add(new ScalarResult(MACHINE_TICKS, busyTicks, "ticks", AggregationPolicy.SUM));
        metrics.add(new ScalarResult(MACHINE_IDLE, idle.otherCores(), "cores", AggregationPolicy.AVG));
        metrics.add(new ScalarResult(MACHINE_FLOORED, floored ? 1 : 0, "iterations", AggregationPolicy.SUM));
        metrics.add(perOperation(JVM, jvmNanos, operations));
        metrics.add(perOperation(FUNCTION, functionNanos, operations));
        metrics.add(perOperation(CONTAINERS, containersNanos, operations));
        metrics.add(perOperation(CONTAINER_STACK, stackNanos, operations));
        metrics.add(perOperation(ATTRIBUTED, attributedNanos, operations));
        metrics.add(perOperation(PROFILER, profilerNanos, operations));
        if (meter.isPresent()) {
            double joules = to.meterJoules() - from.meterJoules() - idle.watts() * (to.meterNanos() - from.meterNanos()) / 1e9;
            metrics.add(new ScalarResult(ENERGY_MEASURED, joules * 1e6 / operations, ENERGY_UNIT, AggregationPolicy.AVG));
            metrics.add(new ScalarResult(ENERGY_MEASURED_IDLE, idle.watts(), "W", AggregationPolicy.AVG));
            metrics.add(new ScalarResult(SOURCE_METER, 1, "#", AggregationPolicy.MAX));
        } else if (energy.isPresent()) {
            double microJoules = energy.get().microJoulesBetween(from.microJoules(), to.microJoules())
                    - idle.watts() * wallNanos / 1e3;
            metrics.add(new ScalarResult(ENERGY_MEASURED, microJoules / operations, ENERGY_UNIT, AggregationPolicy.AVG));
            metrics.add(new ScalarResult(ENERGY_MEASURED_IDLE, idle.watts(), "W", AggregationPolicy.AVG));
            metrics.add(new ScalarResult(SOURCE_RAPL, 1, "#", AggregationPolicy.MAX));
        } else {
            // µs of a busy core × watts per busy core = µJ
            metrics.add(new ScalarResult(ENERGY_ESTIMATED, attributedNanos / operations / 1e3 * coefficient.wattsPerCore(),
                    ENERGY_UNIT, AggregationPolicy.AVG));
            metrics.add(new ScalarResult(WATTS_PER_CORE, coefficient.wattsPerCore(), "W", AggregationPolicy.AVG));
        }
        return metrics;
    }

    private static ScalarResult perOperation(String label, double nanos, long operations) {
        return new ScalarResult(label, nanos / operations / 1e3, CPU_UNIT, AggregationPolicy.AVG);
    }

    /** Marks the next window as the fork's first, holding its trial setup; package-private, as {@link #measureIdle()}. */
    void nextWindowIncludesSetup() {
        windowIncludesSetup = true;
    }

    /** Measures the idle baseline; package-private so that tests can set the state a fork would have. */
    Idle measureIdle() {
        Snapshot before = opening();
        try {
            counters.sleep(idleMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Snapshot after = closing();
        double wallNanos = Math.max(1, after.nanos() - before.nanos());
        double othersNanos = (after.busyTicks() - before.busyTicks()) * (double) ProcStat.NANOS_PER_TICK
                - (after.jvmCpuNanos() - before.jvmCpuNanos());
        // ticks are coarse: a tick less than this JVM's precise CPU time is rounding, not negative work
        double otherCores = Math.max(0, othersNanos / wallNanos);
        double watts = meter.isPresent()
                ? (after.meterJoules() - before.meterJoules()) / (Math.max(1, after.meterNanos() - before.meterNanos()) / 1e9)
                : energy.map(rapl -> rapl.microJoulesBetween(before.microJoules(), after.microJoules()) / (wallNanos / 1e3))
                        .orElse(Double.NaN);
        int cores = java.lang.Runtime.getRuntime().availableProcessors();
        if (otherCores > BUSY_MACHINE_SHARE * cores) {
            System.out.printf(java.util.Locale.ROOT, "nebula: the machine was busy before this fork's first iteration (%.2f of %d"
                    + " cores without this benchmark): %s and energy subtract that, but on a machine that is not idle they are"
                    + " unreliable (the benchmark's work displaces the others' rather than adding to it)%n", otherCores, cores, MACHINE);
        }
        return idle = new Idle(otherCores, watts);
    }

    /**
     * The readings that open a window, the slow ones first (the meter's command, the groups' /proc and cgroup files),
     * so that their own CPU falls before the window; {@link #closing()} reads in the opposite order.
     */
    private Snapshot opening() {
        MeterReading meterReading = readMeter();
        ProcessGroupsCpu.Totals groups = counters.groups();
        long jvmCpuNanos = counters.jvmCpuNanos();
        long[] microJoules = energy.map(PowercapEnergy::read).orElse(null);
        long busyTicks = counters.machineBusyTicks();
        return new Snapshot(counters.nanoTime(), busyTicks, jvmCpuNanos, groups, microJoules, meterReading.joules(),
                meterReading.nanos());
    }

    private Snapshot closing() {
        long nanos = counters.nanoTime();
        long busyTicks = counters.machineBusyTicks();
        long[] microJoules = energy.map(PowercapEnergy::read).orElse(null);
        long jvmCpuNanos = counters.jvmCpuNanos();
        ProcessGroupsCpu.Totals groups = counters.groups();
        MeterReading meterReading = readMeter();
        return new Snapshot(nanos, busyTicks, jvmCpuNanos, groups, microJoules, meterReading.joules(), meterReading.nanos());
    }

    private record MeterReading(double joules, long nanos) {}

    private MeterReading readMeter() {
        if (meter.isEmpty()) {
            return new MeterReading(Double.NaN, 0);
        }
        long before = counters.nanoTime();
        double joules = meter.get().joules();
        return new MeterReading(joules, before + (counters.nanoTime() - before) / 2);
    }

    private static Counters machineCounters() {
        Optional<PowercapEnergy> rapl = PowercapEnergy.under(PowercapEnergy.POWERCAP);
        Optional<EnergyMeter> meter = EnergyMeter.configured();
        ProcessGroupsCpu groups = new ProcessGroupsCpu(Long.getLong(ProcessGroupsCpu.POLL_MILLIS_PROPERTY,
                ProcessGroupsCpu.POLL_MILLIS_DEFAULT));
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
            public int onlineCpus() {
                return ProcStat.onlineCpus();
            }

            @Override
            public long jvmCpuNanos() {
                return ProcessCpuClock.nanos();
            }

            @Override
            public ProcessGroupsCpu.Totals groups() {
                return groups.read();
            }

            @Override
            public Optional<PowercapEnergy> energy() {
                return rapl;
            }

            @Override
            public Optional<EnergyMeter> meter() {
                return meter;
            }

            @Override
            public void windowOpens() {
                groups.startPolling();
            }

            @Override
            public void windowCloses() {
                groups.stopPolling();
            }

            @Override
            public void sleep(long millis) throws InterruptedException {
                Thread.sleep(millis);
            }
        };
    }
}
