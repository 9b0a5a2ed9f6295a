package dev.nebula.function;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The committed table {@code known-answers.tsv}: the functions' answers computed outside Java, with exact integers
 * and other algorithms, by {@code scripts/known-answers.py}. What every runtime and the Java reference are checked
 * against, so that none of them is checked against itself.
 */
public final class KnownAnswers {
    public static final String TABLE = "known-answers.tsv";
    private static final Map<String, Long> BITS = load();

    private KnownAnswers() {}

    /** Every (function, n) in the table, to its 64 result bits. Keys are {@code fn + " " + n}. */
    public static Map<String, Long> all() {
        return BITS;
    }

    public static boolean has(CatalogFunction function, long n) {
        return BITS.containsKey(key(function, n));
    }

    /** The known 64 result bits of {@code function(n)}; a missing input names the script that adds it. */
    public static long bits(CatalogFunction function, long n) {
        Long bits = BITS.get(key(function, n));
        if (bits == null) {
            throw new IllegalArgumentException("no known answer for " + key(function, n) + " in " + TABLE
                    + "; add n to INPUTS in scripts/known-answers.py and run it");
        }
        return bits;
    }

    static String key(CatalogFunction function, long n) {
        return function.id() + " " + n;
    }

    private static Map<String, Long> load() {
        try (InputStream in = KnownAnswers.class.getClassLoader().getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE + " is not on the test class path; run python3 scripts/known-answers.py");
            }
            Map<String, Long> bits = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                CatalogFunction function = CatalogFunction.byId(fields[0]);
                bits.put(key(function, Long.parseLong(fields[1])), Long.parseUnsignedLong(fields[2], 16));
            }
            return Collections.unmodifiableMap(bits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
