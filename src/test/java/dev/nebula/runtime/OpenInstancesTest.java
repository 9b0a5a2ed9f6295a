package dev.nebula.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nebula.function.CatalogFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OpenInstancesTest {

    /** Counts its closes and reports them, as the process and docker instances do; may fail on close. */
    private static final class Counted implements FunctionInstance {
        private final OpenInstances<Counted> owner;
        private final RuntimeException failure;
        final AtomicInteger closes = new AtomicInteger();

        Counted(OpenInstances<Counted> owner, RuntimeException failure) {
            this.owner = owner;
            this.failure = failure;
        }

        @Override
        public long invoke(CatalogFunction function, long n) {
            return 0;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            owner.closed(this);
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Test
    void closeAllClosesOnlyTheInstancesStillOpen() {
        OpenInstances<Counted> open = new OpenInstances<>();
        Counted closedEarlier = open.add(new Counted(open, null));
        Counted stillOpen = open.add(new Counted(open, null));
        closedEarlier.close();

        open.closeAll();
        assertEquals(1, closedEarlier.closes.get(), "an instance closed by its user is forgotten");
        assertEquals(1, stillOpen.closes.get());
        open.closeAll();
        assertEquals(1, stillOpen.closes.get(), "closed instances are forgotten");
    }

    @Test
    void closeAllClosesEveryInstanceEvenWhenOneFailsAndThrowsTheFailures() {
        OpenInstances<Counted> open = new OpenInstances<>();
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        List<Counted> instances = List.of(open.add(new Counted(open, first)), open.add(new Counted(open, null)),
                open.add(new Counted(open, second)));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, open::closeAll);
        instances.forEach(instance -> assertEquals(1, instance.closes.get(), "every instance is closed"));
        List<Throwable> all = new ArrayList<>(List.of(thrown.getSuppressed()));
        all.add(thrown);
        assertEquals(2, all.size(), "one failure thrown, the other suppressed: " + all);
        assertEquals(Set.of(first, second), Set.copyOf(all));
    }
}
