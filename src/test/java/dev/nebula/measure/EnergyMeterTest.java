package dev.nebula.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;

/**
 * The external meter: what a meter command must print, and the arithmetic around it, checked with simulated meters
 * whose answer is known. No figure here is a measurement.
 */
class EnergyMeterTest {

    @Test
    void readsTheJoulesTheCommandPrints(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("joules");
        Files.writeString(log, "12.5\n");
        EnergyMeter meter = new EnergyMeter("cat " + log);
        assertEquals(12.5, meter.joules());
        Files.writeString(log, "40\n");
        assertEquals(40, meter.joules());
    }

    @Test
    void aMeterThatPrintsGarbageFailsNamingTheCommandAndWhatItPrinted() {
        NebulaException e = assertThrows(NebulaException.class, () -> new EnergyMeter("echo 12 W").joules());
        assertEquals("the energy meter (-Dnebula.energy.meter=echo 12 W) printed '12 W', not one number of joules (the"
                + " meter's cumulative energy, e.g. 123456.7)", e.getMessage());
        assertThrows(NebulaException.class, () -> new EnergyMeter("echo NaN").joules());
        assertThrows(NebulaException.class, () -> new EnergyMeter("printf '1\\n2\\n'").joules());
    }

    @Test
    void aMeterThatFailsSaysHowAndWhatItPrinted() {
        NebulaException e = assertThrows(NebulaException.class, () -> new EnergyMeter("echo no modbus reply >&2; exit 3").joules());
        assertTrue(e.getMessage().startsWith("the energy meter (-Dnebula.energy.meter=echo no modbus reply >&2; exit 3) exited with 3"),
                e.getMessage());
        assertTrue(e.getMessage().contains("no modbus reply"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aMeterThatGoesBackwardsFails(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("joules");
        Files.writeString(log, "100\n");
        EnergyMeter meter = new EnergyMeter("cat " + log);
        meter.joules();
        Files.writeString(log, "99.5\n");
        NebulaException e = assertThrows(NebulaException.class, meter::joules);
        assertTrue(e.getMessage().contains("went backwards: 99.5 J after 100.0 J"), e.getMessage());
    }

    @Test
    void theSimulatedMeterIntegratesItsPowerOverWallTime(@TempDir Path dir) throws Exception {
        Path power = dir.resolve("watts");
        Files.writeString(power, "50\n");
        EnergyMeter meter = simulated(dir, power);
        long before = System.nanoTime();
        double first = meter.joules();
        Thread.sleep(400);
        double second = meter.joules();
        double seconds = (System.nanoTime() - before) / 1e9;
        // the meter's own window lies inside ours, less by up to the two commands' start-up
        assertTrue(second - first <= 50 * seconds && second - first >= 50 * 0.4, (second - first) + " J in " + seconds + " s");
    }

    /**
     * The profiler's arithmetic on a meter whose power the test sets: 20 W while idle, 70 W during the iteration,
     * so the energy per operation is (70 − 20) W × the iteration's time ÷ operations.
     */
    @Test
    void measuredEnergyIsTheMetersDeltaMinusItsIdleDrawPerOperation(@TempDir Path dir) throws Exception {
        Path power = dir.resolve("watts");
        Files.writeString(power, "20\n");
        RealClockCounters counters = new RealClockCounters(simulated(dir, power));
        CpuProfiler profiler = new CpuProfiler(counters, 1_000, new EnergyCoefficient(1, "test"));
        // within 15%: when in its command's run (tens of ms on a loaded machine) a meter reads is unknown, and the
        // profiler takes the middle
        double idleWatts = profiler.measureIdle().watts();
        assertEquals(20, idleWatts, 3.0);

        Files.writeString(power, "70\n");
        CpuProfiler.Snapshot from = snapshot(counters);
        Thread.sleep(1_000);
        CpuProfiler.Snapshot to = snapshot(counters);
        Map<String, Result> metrics = profiler.metrics(from, to, 3).stream().collect(Collectors.toMap(Result::getLabel, r -> r));

        double expected = (to.meterJoules() - from.meterJoules()) - idleWatts * (to.meterNanos() - from.meterNanos()) / 1e9;
        assertEquals(expected * 1e6 / 3, metrics.get(CpuProfiler.ENERGY_MEASURED).getScore(), 1e-3);
        // and that is about (70 − 20) W over the window, whose length the meter's clock and ours agree on within 15%
        double window = (to.meterNanos() - from.meterNanos()) / 1e9;
        assertEquals(50 * window * 1e6 / 3, metrics.get(CpuProfiler.ENERGY_MEASURED).getScore(), 0.15 * 50 * window * 1e6 / 3);
        assertEquals(1, metrics.get(CpuProfiler.SOURCE_METER).getScore());
        assertEquals(idleWatts, metrics.get(CpuProfiler.ENERGY_MEASURED_IDLE).getScore());
        assertTrue(metrics.keySet().stream().noneMatch(label -> label.startsWith("energy.estimated")), metrics.keySet().toString());
    }

    private static CpuProfiler.Snapshot snapshot(RealClockCounters counters) {
        long before = System.nanoTime();
        double joules = counters.meter.joules();
        long at = before + (System.nanoTime() - before) / 2;
        return new CpuProfiler.Snapshot(System.nanoTime(), 0, 0, ProcessGroupsCpu.Totals.ZERO, null, joules, at);
    }

    private static EnergyMeter simulated(Path dir, Path power) throws URISyntaxException {
        Path script = Path.of(EnergyMeterTest.class.getResource("/energy-meter/simulated-meter.sh").toURI());
        return new EnergyMeter("sh " + script + " " + dir.resolve("state") + " " + power);
    }

    /** The real clock and a meter; no CPU counters (they are not what this test checks). */
    private static final class RealClockCounters implements CpuProfiler.Counters {
        final EnergyMeter meter;

        RealClockCounters(EnergyMeter meter) {
            this.meter = meter;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long machineBusyTicks() {
            return 0;
        }

        @Override
        public int onlineCpus() {
            return 2;
        }

        @Override
        public long jvmCpuNanos() {
            return 0;
        }

        @Override
        public ProcessGroupsCpu.Totals groups() {
            return ProcessGroupsCpu.Totals.ZERO;
        }

        @Override
        public Optional<PowercapEnergy> energy() {
            return Optional.empty();
        }

        @Override
        public Optional<EnergyMeter> meter() {
            return Optional.of(meter);
        }

        @Override
        public void windowOpens() {}

        @Override
        public void windowCloses() {}

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    }
}
