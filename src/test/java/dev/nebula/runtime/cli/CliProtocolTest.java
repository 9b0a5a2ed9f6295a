package dev.nebula.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Phases;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The native binary's protocol as the host speaks it, and the cold-start phases built from its timestamps. */
class CliProtocolTest {

    @Test
    void requestsAreOneLineWithTheCatalogsId() {
        assertArrayEquals("fib-rec 20\n".getBytes(StandardCharsets.US_ASCII), CliProtocol.request(CatalogFunction.FIB_REC, 20));
        assertEquals(List.of("prime", "1000"), CliProtocol.oneShotArguments(CatalogFunction.PRIME, 1000));
    }

    @Test
    void inputsOutOfRangeAreRejectedBeforeAnythingIsSent() {
        assertThrows(InvalidInputException.class, () -> CliProtocol.request(CatalogFunction.FIB_REC, 41));
        assertThrows(InvalidInputException.class, () -> CliProtocol.oneShotArguments(CatalogFunction.PRIME, 0));
    }

    @Test
    void responsesParseToRawBits() {
        // Independently known: F(94) wraps to 1293530146158671551, u64 max prints as 18446744073709551615.
        assertEquals(1293530146158671551L, CliProtocol.parseResponse(CatalogFunction.FIB, 94, "1293530146158671551"));
        assertEquals(-1L, CliProtocol.parseResponse(CatalogFunction.FACT, 1, "18446744073709551615"));
        assertEquals(Double.doubleToRawLongBits(1.0), CliProtocol.parseResponse(CatalogFunction.EXP, 0, "1.0"));
    }

    @Test
    void anErrorLineIsATrapThatQuotesTheServer() {
        TrapException e = assertThrows(TrapException.class,
                () -> CliProtocol.parseResponse(CatalogFunction.FIB, 10, "error: expected '<fn> <n>', got 'x'"));
        assertTrue(e.getMessage().contains("expected '<fn> <n>'"), e.getMessage());
    }

    @Test
    void garbageInsteadOfAResultIsATrap() {
        assertThrows(TrapException.class, () -> CliProtocol.parseResponse(CatalogFunction.FIB, 10, "fifty-five"));
    }

    @Test
    void aNonZeroExitIsATrapWithTheExitCodeAndStderr() {
        TrapException e = assertThrows(TrapException.class,
                () -> CliProtocol.parseOneShot(CatalogFunction.FIB, 10, 2, "", "nebula: something broke\n"));
        assertTrue(e.getMessage().contains("code 2") && e.getMessage().contains("something broke"), e.getMessage());
    }

    @Test
    void aOneShotFindsItsTimestampsAmongOtherStderrLines() {
        CliProtocol.OneShot oneShot = CliProtocol.parseOneShot(CatalogFunction.FIB, 10, 0, "55\n",
                "a warning\nnebula-timestamps start=1700000000000000000 end=1700000000000001000\n");
        assertEquals(55, oneShot.bits());
        assertEquals(new Timestamps(1_700_000_000_000_000_000L, 1_700_000_000_000_001_000L), oneShot.timestamps());
        assertNull(Timestamps.find("no timestamps here"));
    }

    @Test
    void wallClockTimesConvertOntoTheNanoTimeClock() {
        long before = System.nanoTime();
        Instant now = Instant.now();
        long after = System.nanoTime();
        long converted = Timestamps.toNanoTime(now.getEpochSecond() * 1_000_000_000L + now.getNano());
        // The same instant on both clocks: within the sampling window, plus a margin for the conversion's own sampling.
        long margin = 50_000_000L;
        assertTrue(converted >= before - margin && converted <= after + margin, "converted " + converted + " not in [" + before + ", " + after + "]");
    }

    @Test
    void runPhasesAreClampedBetweenTheHostsMarks() {
        Phases phases = Phases.recording();
        phases.begin();
        long created = System.nanoTime();
        phases.markAt(ColdPhases.CREATE, created);
        long exited = created + 1_000_000;
        // Timestamps a whole day off: clamped into the host's own window, never negative.
        long dayNanos = 86_400_000_000_000L;
        Timestamps skewed = new Timestamps(epochNow() - dayNanos, epochNow() + dayNanos);
        ColdPhases.markRun(phases, skewed, created, exited);
        assertEquals(List.of(ColdPhases.CREATE, ColdPhases.START, ColdPhases.COMPUTE, ColdPhases.EXIT), PhaseAssertions.assertInOrder(phases));
        assertEquals(exited - created, phases.totalNanos() - phases.nanos(0), "the run's phases span exactly create to exit");
    }

    @Test
    void aRunWithoutTimestampsIsATrapThatSaysHowToRebuild() {
        TrapException e = assertThrows(TrapException.class, () -> ColdPhases.markRun(Phases.recording(), null, 0, 1));
        assertTrue(e.getMessage().contains("wasm-modules/build.sh"), e.getMessage());
    }

    private static long epochNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
