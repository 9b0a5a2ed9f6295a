package dev.nebula.serve;

import dev.nebula.runtime.Phases;
import java.util.ArrayList;
import java.util.List;

/**
 * What one request ran and how long it took, server-side.
 *
 * @param bits          the function's raw 64 result bits
 * @param phases        the phases the runtime recorded, in order; they add up to {@code totalNanos}
 * @param totalNanos    the invocation: the sum of the phases
 * @param queueNanos    the wait for a slot before it ran
 * @param deployNanos   the time it spent deploying the runtime (or waiting for that), 0 once deployed
 * @param freshInstance a cold request, or a warm one that found no idle instance and started one
 */
record Invocation(long bits, List<Phase> phases, long totalNanos, long queueNanos, long deployNanos, boolean freshInstance) {

    record Phase(String name, long nanos) {}

    /** The phases a runtime recorded, in order. */
    static List<Phase> phases(Phases recorded) {
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < recorded.count(); i++) {
            phases.add(new Phase(recorded.name(i), recorded.nanos(i)));
        }
        return phases;
    }
}
