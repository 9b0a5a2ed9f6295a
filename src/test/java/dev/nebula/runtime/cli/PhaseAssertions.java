package dev.nebula.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.runtime.Phases;
import java.util.ArrayList;
import java.util.List;

/** The checks every phase breakdown must pass, for the runtime tests of the native binary. */
public final class PhaseAssertions {
    private PhaseAssertions() {}

    /** Asserts that no phase is negative and that they add up to the whole; returns their names in order. */
    public static List<String> assertAddsUp(Phases phases) {
        List<String> names = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < phases.count(); i++) {
            names.add(phases.name(i));
            assertTrue(phases.nanos(i) >= 0, "negative phase: " + phases);
            sum += phases.nanos(i);
        }
        assertEquals(phases.totalNanos(), sum, "phases must add up to the whole: " + phases);
        return names;
    }
}
