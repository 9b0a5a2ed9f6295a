package dev.nebula.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A request's phases appended inside a larger breakdown keep their own ends, so the whole still adds up. */
class PhasesTest {
    @Test
    void appendedPhasesEndWhereTheyEndedAndTheFirstHoldsTheGapBeforeIt() {
        Phases whole = Phases.recording();
        Phases request = Phases.recording();
        whole.begin();
        whole.markAt("deploy", 0); // only relative ends matter below
        request.begin();
        request.markAt("context", 1_000);
        request.markAt("run", 3_500);
        whole.append(request);
        whole.markAt("undeploy", 4_000);
        assertEquals(4, whole.count());
        assertEquals(java.util.List.of("deploy", "context", "run", "undeploy"),
                java.util.List.of(whole.name(0), whole.name(1), whole.name(2), whole.name(3)));
        assertEquals(1_000, whole.nanos(1), "from deploy's end to the request's first mark");
        assertEquals(2_500, whole.nanos(2));
        assertEquals(500, whole.nanos(3));
    }
}
