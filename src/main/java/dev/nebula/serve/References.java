package dev.nebula.serve;

import dev.nebula.function.CatalogFunction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Java reference for (fn, n), remembered: a load test asks for the same one again and again. */
final class References {
    /** Past this many answers the cache starts again: a sweep over n must not grow it without bound. */
    private static final int LIMIT = 4_096;

    private record Key(CatalogFunction function, long n) {}

    private final Map<Key, Long> known = new ConcurrentHashMap<>();

    long of(CatalogFunction function, long n) {
        Key key = new Key(function, n);
        Long cached = known.get(key);
        if (cached != null) {
            return cached;
        }
        long expected = function.reference(n);
        if (known.size() >= LIMIT) {
            known.clear();
        }
        known.put(key, expected);
        return expected;
    }
}
