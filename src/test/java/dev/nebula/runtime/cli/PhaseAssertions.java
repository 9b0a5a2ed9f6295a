package dev.nebula.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.runtime.Phases;
import java.util.ArrayList;
import java.util.List;

/**
 * The check a breakdown built from the binary's own timestamps must pass ({@link Phases#markAt} with times taken
 * elsewhere): every phase ends no earlier than the one before it. (That they add up to the whole holds by
 * construction, as {@link Phases} stores consecutive ends, so it is not checked.)
 */
public final class PhaseAssertions {
    private PhaseAssertions() {}

    /** Asserts that no phase is negative, i.e. the timestamps were clamped into order; returns the names in order. */
    public static List<String> assertInOrder(Phases phases) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < phases.count(); i++) {
            names.add(phases.name(i));
            assertTrue(phases.nanos(i) >= 0, "phase " + phases.name(i) + " ends before the one before it: " + phases);
        }
        return names;
    }
}
