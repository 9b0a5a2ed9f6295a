package dev.nebula.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.SampleTimeResult;
import org.openjdk.jmh.results.SingleShotResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.util.SampleBuffer;

/**
 * CPU time and energy per operation: /proc/stat parsing, the operation count per mode, the idle baseline, the process
 * groups' sum and the machine's floor at it, labels.
 */
class CpuProfilerTest {

    @Test
    void busyTimeIsUserNiceSystemIrqSoftirqButNotIdleIowaitStealOrGuest() {
        //                     user nice system idle iowait irq softirq steal guest guest_nice
        ProcStat stat = ProcStat.parse("cpu  8980 7 3127 32019 270 11 75 15 400 3\ncpu0 1 2 3 4 5 6 7 8 9 10\n");
        assertEquals(8980 + 7 + 3127 + 11 + 75, stat.busyTicks());
        assertEquals(100, ProcStat.parse("cpu  150 0 50 0 0 0 0").busyTicksSince(ProcStat.parse("cpu 80 0 20 999 5 0 0")));
    }

    @Test
    void anUnexpectedProcStatSaysWhatItExpected() {
        NebulaException e = assertThrows(NebulaException.class, () -> ProcStat.parse("intr 1 2 3"));
        assertTrue(e.getMessage().contains("'cpu' line"), e.getMessage());
        assertThrows(NebulaException.class, () -> ProcStat.parse("cpu 1 2 x 4 5 6 7"));
    }

    @Test
    void readsThisMachine() {
        assertTrue(ProcStat.read().busyTicks() > 0);
    }

    // The IterationResults below are shaped as JMH 1.37's generated *_jmhTest code makes them for each mode.

    @Test
    void aSingleShotIsOneOperationWhateverItsBatchSize() {
        // SingleShotTime with -bs 5: five calls, timed together; the score is the batch's time and allOps = opsPerInv
        IterationResult shot = iteration(1, 1, new SingleShotResult(ResultRole.PRIMARY, "x", 5_000, 1, TimeUnit.MICROSECONDS));
        assertEquals(1, CpuProfiler.operations(shot));
    }

    @Test
    void sampleTimeCountsEveryOperationNotOnlyTheSampledOnes() {
        SampleBuffer buffer = new SampleBuffer();
        buffer.add(1_000);
        buffer.add(1_200);
        buffer.add(900);
        IterationResult sampled = iteration(40_000, 39_990, new SampleTimeResult(ResultRole.PRIMARY, "x", buffer, TimeUnit.MICROSECONDS));
        assertEquals(3, sampled.getPrimaryResult().getSampleCount());
        assertEquals(40_000, CpuProfiler.operations(sampled));
    }

    @Test
    void throughputCountsTheOperationsOfTheWholeWindow() {
        // measuredOps in the timed part; allOps adds the calls made while threads synchronise, inside the CPU window
        IterationResult rate = iteration(1_000_050, 1_000_000,
                new ThroughputResult(ResultRole.PRIMARY, "x", 1_000_000, 500_000_000L, TimeUnit.SECONDS));
        assertEquals(1_000_050, CpuProfiler.operations(rate));
    }

    @Test
    void machineCpuPerOperationSubtractsTheRestOfTheMachineAtIdle() {
        // idle: 1 s, 20 busy ticks (0.2 s), 0.05 s of it this JVM -> the rest of the machine uses 0.15 cores
        FakeCounters counters = new FakeCounters()
                .reading(0, 1_000, 0).reading(1_000_000_000L, 1_020, 50_000_000L)
                // the iteration: 2 s, 150 ticks (1.5 s busy), this JVM 0.4 s, 10 operations
                .reading(5_000_000_000L, 2_000, 100_000_000L).reading(7_000_000_000L, 2_150, 500_000_000L);
        CpuProfiler profiler = new CpuProfiler(counters, 1_000, new EnergyCoefficient(1.22, "test"));
        CpuProfiler.Idle idle = profiler.measureIdle();
        assertEquals(0.15, idle.otherCores(), 1e-9);
        Map<String, Result> metrics = byLabel(profiler.metrics(counters.next(), counters.next(), 10));

        assertEquals((1.5 - 0.15 * 2) / 10 * 1e6, metrics.get(CpuProfiler.MACHINE).getScore(), 1e-6); // 120 000 µs/op
        assertEquals(150, metrics.get(CpuProfiler.MACHINE_TICKS).getScore());
        assertEquals(0.15, metrics.get(CpuProfiler.MACHINE_IDLE).getScore(), 1e-9);
        assertEquals(0.4 / 10 * 1e6, metrics.get(CpuProfiler.JVM).getScore(), 1e-6);
        assertEquals("µs/op", metrics.get(CpuProfiler.MACHINE).getScoreUnit());
    }

    @Test
    void withoutRaplTheEnergyIsNamedEstimatedComesFromTheAttributedCpuAndCarriesItsCoefficient() {
        FakeCounters counters = new FakeCounters().reading(0, 0, 0).reading(1_000_000_000L, 0, 0)
                .reading(0, 0, 0).reading(1_000_000_000L, 100, 800_000_000L);
        Map<String, Result> metrics = afterIdle(counters, 1.22, 4);

        // 100 ticks = 1 s of one core over 4 operations = 250 000 µs/op; the JVM's 0.8 s = 200 000 µs/op × 1.22 W
        assertEquals(250_000, metrics.get(CpuProfiler.MACHINE).getScore(), 1e-6);
        assertEquals(200_000, metrics.get(CpuProfiler.ATTRIBUTED).getScore(), 1e-6);
        assertEquals(244_000, metrics.get(CpuProfiler.ENERGY_ESTIMATED).getScore(), 1e-6);
        assertEquals(1.22, metrics.get(CpuProfiler.WATTS_PER_CORE).getScore(), 1e-9);
        assertEquals("µJ/op", metrics.get(CpuProfiler.ENERGY_ESTIMATED).getScoreUnit());
        assertFalse(metrics.keySet().stream().anyMatch(label -> label.startsWith("energy.measured")), metrics.keySet().toString());
        assertTrue(metrics.keySet().stream().filter(label -> label.startsWith("energy.")).allMatch(label -> label.contains("estimated")));
    }

    @Test
    void attributedCpuIsTheJvmWithoutThePollerPlusTheFunctionTheContainersAndTheStack() {
        // the iteration: 1 s, this JVM 0.5 s of which the poller 0.1 s; function 0.2 s, containers 0.3 s, stack 0.4 s
        FakeCounters counters = new FakeCounters().reading(0, 0, 0).reading(1_000_000_000L, 0, 0)
                .reading(0, 0, 0, new ProcessGroupsCpu.Totals(1_000, 2_000, 3_000, 4_000))
                .reading(1_000_000_000L, 200, 500_000_000L,
                        new ProcessGroupsCpu.Totals(200_001_000, 300_002_000, 400_003_000, 100_004_000));
        Map<String, Result> metrics = afterIdle(counters, 2, 1);

        assertEquals(400_000, metrics.get(CpuProfiler.JVM).getScore(), 1e-6);
        assertEquals(100_000, metrics.get(CpuProfiler.PROFILER).getScore(), 1e-6);
        assertEquals(200_000, metrics.get(CpuProfiler.FUNCTION).getScore(), 1e-6);
        assertEquals(300_000, metrics.get(CpuProfiler.CONTAINERS).getScore(), 1e-6);
        assertEquals(400_000, metrics.get(CpuProfiler.CONTAINER_STACK).getScore(), 1e-6);
        assertEquals(1_300_000, metrics.get(CpuProfiler.ATTRIBUTED).getScore(), 1e-6);
        assertEquals(2_000_000, metrics.get(CpuProfiler.MACHINE).getScore(), 1e-6); // 200 ticks: above the groups, kept
        assertEquals(0, metrics.get(CpuProfiler.MACHINE_FLOORED).getScore());
        assertEquals(2_600_000, metrics.get(CpuProfiler.ENERGY_ESTIMATED).getScore(), 1e-6);
    }

    @Test
    void theMachineIsNeverBelowWhatItsProcessesUsedWhenTheIdleBaselineWasDisplaced() {
        // idle: 1 s with 80 ticks of others (0.8 cores); the iteration: 1 s, 100 ticks, this JVM alone 0.9 s.
        // Subtracting the baseline would leave 0.2 s for the machine, less than the JVM: the floor makes it 0.9 s.
        FakeCounters counters = new FakeCounters().reading(0, 0, 0).reading(1_000_000_000L, 80, 0)
                .reading(0, 1_000, 0).reading(1_000_000_000L, 1_100, 900_000_000L);
        CpuProfiler profiler = new CpuProfiler(counters, 1_000, new EnergyCoefficient(1, "test"));
        assertEquals(0.8, profiler.measureIdle().otherCores(), 1e-9);
        Map<String, Result> metrics = byLabel(profiler.metrics(counters.next(), counters.next(), 1));

        assertEquals(900_000, metrics.get(CpuProfiler.MACHINE).getScore(), 1e-6);
        assertEquals(metrics.get(CpuProfiler.ATTRIBUTED).getScore(), metrics.get(CpuProfiler.MACHINE).getScore(), 1e-6);
        assertEquals(1, metrics.get(CpuProfiler.MACHINE_FLOORED).getScore());
    }

    @Test
    void onlineCpusAreTheCpuLinesOfProcStat() {
        assertEquals(2, ProcStat.onlineCpus("cpu  1 2 3 4 5 6 7\ncpu0 1 2 3 4 5 6 7\ncpu1 1 2 3 4 5 6 7\nintr 5\n"));
        assertTrue(ProcStat.onlineCpus() >= 1);
    }

    @Test
    void attributedCpuWithinTheMachinesCapacityIsNotFlagged() {
        // 2 CPUs × 1 s = 2 s; 2.05 s is within the 5% tolerance for tick-grained readings
        FakeCounters counters = new FakeCounters().onlineCpus(2).reading(0, 0, 0).reading(1_000_000_000L, 0, 0)
                .reading(0, 0, 0).reading(1_000_000_000L, 205, 50_000_000L,
                        new ProcessGroupsCpu.Totals(0, 1_000_000_000L, 1_000_000_000L, 0));
        Map<String, Result> metrics = afterIdle(counters, 1, 1);
        assertEquals(2_050_000, metrics.get(CpuProfiler.ATTRIBUTED).getScore(), 1e-6);
        assertEquals(0, metrics.get(CpuProfiler.OVER_CAPACITY).getScore());
    }

    @Test
    void attributedCpuBeyondTheMachinesCapacityIsFlagged() {
        // 0.7 s on 2 CPUs is at most 1.4 s; the groups claim 3.3 s (the implausible figure seen for docker-cli)
        FakeCounters counters = new FakeCounters().onlineCpus(2).reading(0, 0, 0).reading(1_000_000_000L, 0, 0)
                .reading(0, 0, 0).reading(700_000_000L, 140, 300_000_000L,
                        new ProcessGroupsCpu.Totals(200_000_000L, 300_000_000L, 2_500_000_000L, 0));
        Map<String, Result> metrics = afterIdle(counters, 1, 1);
        assertEquals(3_300_000, metrics.get(CpuProfiler.ATTRIBUTED).getScore(), 1e-6);
        assertEquals(1, metrics.get(CpuProfiler.OVER_CAPACITY).getScore());
        assertEquals(0, afterIdle(new FakeCounters().onlineCpus(8).reading(0, 0, 0).reading(1_000_000_000L, 0, 0)
                .reading(0, 0, 0).reading(700_000_000L, 140, 300_000_000L,
                        new ProcessGroupsCpu.Totals(200_000_000L, 300_000_000L, 2_500_000_000L, 0)), 1, 1)
                .get(CpuProfiler.OVER_CAPACITY).getScore(), "8 CPUs × 0.7 s hold 3.3 s");
    }

    @Test
    void aWindowHoldingTheTrialSetupGivesNoFigurePerOperation() {
        // -wi 0: deploy and 30 warm-up requests ran in the window, 5 measured operations; 12.9 s of CPU in 21 s
        FakeCounters counters = new FakeCounters().reading(0, 0, 0).reading(1_000_000_000L, 0, 0)
                .reading(0, 0, 0).reading(21_000_000_000L, 4_200, 2_100_000_000L,
                        new ProcessGroupsCpu.Totals(1_000_000_000L, 1_100_000_000L, 8_700_000_000L, 0));
        CpuProfiler profiler = new CpuProfiler(counters, 1_000, new EnergyCoefficient(1, "test"));
        profiler.measureIdle();
        profiler.nextWindowIncludesSetup();
        Map<String, Result> metrics = byLabel(profiler.metrics(counters.next(), counters.next(), 5));

        assertEquals(1, metrics.get(CpuProfiler.INCLUDES_SETUP).getScore());
        assertEquals(0, metrics.get(CpuProfiler.OVER_CAPACITY).getScore());
        assertEquals(java.util.Set.of(CpuProfiler.INCLUDES_SETUP, CpuProfiler.OVER_CAPACITY), metrics.keySet());
    }

    @Test
    void aGroupWhoseTotalDroppedCountsNoNegativeWork() {
        // a descendant orphaned mid-iteration leaves the function group, whose total then drops
        FakeCounters counters = new FakeCounters().reading(0, 0, 0).reading(1, 0, 0)
                .reading(0, 0, 0, new ProcessGroupsCpu.Totals(5_000_000, 0, 0, 0)).reading(1_000, 0, 0, ProcessGroupsCpu.Totals.ZERO);
        assertEquals(0, afterIdle(counters, 1, 1).get(CpuProfiler.FUNCTION).getScore());
    }

    @Test
    void withRaplTheEnergyIsMeasuredAndIdleSubtracted(@TempDir Path powercap) throws IOException {
        Path zone = zone(powercap, "intel-rapl:0", 1_000_000, 262_143_328_850L);
        zone(powercap, "intel-rapl:0:0", 0, 10); // a sub-zone: already inside its parent, never added
        PowercapEnergy rapl = PowercapEnergy.under(powercap).orElseThrow();
        assertEquals(List.of("intel-rapl:0"), rapl.zoneNames());

        FakeCounters counters = new FakeCounters().withEnergy(rapl).reading(0, 0, 0).reading(1_000_000_000L, 0, 0)
                .onSleep(() -> write(zone.resolve("energy_uj"), "3000000")); // idle: 2 J in 1 s = 2 W
        CpuProfiler profiler = new CpuProfiler(counters, 1_000, new EnergyCoefficient(1.22, "test"));
        assertEquals(2.0, profiler.measureIdle().watts(), 1e-9);

        counters.reading(0, 0, 0);
        CpuProfiler.Snapshot from = counters.next();
        write(zone.resolve("energy_uj"), "8000000"); // 5 J in 2 s, of which 4 J idle
        counters.reading(2_000_000_000L, 0, 0);
        Map<String, Result> metrics = byLabel(profiler.metrics(from, counters.next(), 2));
        assertEquals(500_000, metrics.get(CpuProfiler.ENERGY_MEASURED).getScore(), 1e-6);
        assertFalse(metrics.containsKey(CpuProfiler.ENERGY_ESTIMATED));
    }

    @Test
    void aRaplCounterThatWrapsIsUnwrapped(@TempDir Path powercap) throws IOException {
        zone(powercap, "intel-rapl:0", 0, 1_000);
        PowercapEnergy rapl = PowercapEnergy.under(powercap).orElseThrow();
        assertEquals(150, rapl.microJoulesBetween(new long[] {900}, new long[] {50}));
    }

    @Test
    void noPowercapDirectoryMeansNoMeasurement(@TempDir Path empty) {
        assertTrue(PowercapEnergy.under(empty.resolve("absent")).isEmpty());
        assertTrue(PowercapEnergy.under(empty).isEmpty());
    }

    @Test
    void noOperationsMeansNoFigureRatherThanADivisionByZero() {
        FakeCounters counters = new FakeCounters().reading(0, 0, 0).reading(1, 0, 0);
        CpuProfiler profiler = new CpuProfiler(counters, 0, new EnergyCoefficient(1, "test"));
        profiler.measureIdle();
        assertTrue(profiler.metrics(new CpuProfiler.Snapshot(0, 0, 0, null), new CpuProfiler.Snapshot(1, 1, 1, null), 0).isEmpty());
    }

    private static Path zone(Path powercap, String name, long microJoules, long range) throws IOException {
        Path zone = Files.createDirectories(powercap.resolve(name));
        Files.writeString(zone.resolve("energy_uj"), microJoules + "\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), range + "\n");
        return zone;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IterationResult iteration(long allOps, long measuredOps, Result primary) {
        IterationResult result = new IterationResult(null, null, new IterationResultMetaData(allOps, measuredOps));
        result.addResult(primary);
        return result;
    }

    /** The metrics of one iteration, the counters' second pair of readings, after an idle baseline from the first pair. */
    private static Map<String, Result> afterIdle(FakeCounters counters, double wattsPerCore, long operations) {
        CpuProfiler profiler = new CpuProfiler(counters, 1_000, new EnergyCoefficient(wattsPerCore, "test"));
        profiler.measureIdle();
        return byLabel(profiler.metrics(counters.next(), counters.next(), operations));
    }

    private static Map<String, Result> byLabel(List<Result> results) {
        return results.stream().collect(Collectors.toMap(Result::getLabel, r -> r));
    }

    /**
     * Counters that replay readings in order, each counter from its own queue (the profiler reads them in an order of
     * its own); energy, when given, is read from the (temporary) powercap files.
     */
    private static final class FakeCounters implements CpuProfiler.Counters {
        private final Deque<Long> nanos = new ArrayDeque<>();
        private final Deque<Long> busyTicks = new ArrayDeque<>();
        private final Deque<Long> jvmCpuNanos = new ArrayDeque<>();
        private final Deque<ProcessGroupsCpu.Totals> groups = new ArrayDeque<>();
        private Optional<PowercapEnergy> energy = Optional.empty();
        private Runnable onSleep = () -> {};
        private int onlineCpus = 2;

        FakeCounters onlineCpus(int cpus) {
            onlineCpus = cpus;
            return this;
        }

        FakeCounters onSleep(Runnable action) {
            onSleep = action;
            return this;
        }

        FakeCounters reading(long nanos, long busyTicks, long jvmCpuNanos) {
            return reading(nanos, busyTicks, jvmCpuNanos, ProcessGroupsCpu.Totals.ZERO);
        }

        FakeCounters reading(long nanos, long busyTicks, long jvmCpuNanos, ProcessGroupsCpu.Totals groups) {
            this.nanos.add(nanos);
            this.busyTicks.add(busyTicks);
            this.jvmCpuNanos.add(jvmCpuNanos);
            this.groups.add(groups);
            return this;
        }

        FakeCounters withEnergy(PowercapEnergy rapl) {
            energy = Optional.of(rapl);
            return this;
        }

        CpuProfiler.Snapshot next() {
            long time = nanoTime();
            return new CpuProfiler.Snapshot(time, machineBusyTicks(), jvmCpuNanos(), groups(),
                    energy.map(PowercapEnergy::read).orElse(null), Double.NaN, time);
        }

        @Override
        public long nanoTime() {
            return nanos.remove();
        }

        @Override
        public long machineBusyTicks() {
            return busyTicks.remove();
        }

        @Override
        public int onlineCpus() {
            return onlineCpus;
        }

        @Override
        public long jvmCpuNanos() {
            return jvmCpuNanos.remove();
        }

        @Override
        public ProcessGroupsCpu.Totals groups() {
            return groups.remove();
        }

        @Override
        public Optional<PowercapEnergy> energy() {
            return energy;
        }

        @Override
        public Optional<EnergyMeter> meter() {
            return Optional.empty();
        }

        @Override
        public void windowOpens() {}

        @Override
        public void windowCloses() {}

        @Override
        public void sleep(long millis) {
            onSleep.run();
        }
    }
}
