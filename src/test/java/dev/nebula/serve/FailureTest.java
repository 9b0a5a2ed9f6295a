package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a failed request is answered: an interrupt (only the drain's deadline sends one) is no internal error. */
class FailureTest {

    @Test
    void anInterruptedRequestIs503ShuttingDownEvenWhenARuntimeWrapsIt() {
        for (Exception e : new Exception[] {new InterruptedException(), new IllegalStateException(new InterruptedException())}) {
            Failure failure = Failure.of(e);
            assertEquals(503, failure.status(), failure::toString);
            assertEquals("shutting-down", failure.kind());
        }
        assertEquals(500, Failure.of(new IllegalStateException("boom")).status());
    }
}
