package dev.nebula.function;

import dev.nebula.NebulaException;

/**
 * How a function's 64 result bits read. Every runtime hands back raw bits, so one comparison
 * ({@code ==} on longs) checks integers and doubles alike, bit for bit.
 */
public enum ResultKind {
    /** An unsigned 64-bit integer: the wasm {@code i64} read as {@code u64}. */
    U64 {
        @Override
        public String format(long bits) {
            return Long.toUnsignedString(bits);
        }

        @Override
        long parseBits(String text) {
            return Long.parseUnsignedLong(text);
        }
    },
    /** An IEEE 754 double: the wasm {@code f64}. */
    F64 {
        @Override
        public String format(long bits) {
            return Double.toString(Double.longBitsToDouble(bits));
        }

        @Override
        long parseBits(String text) {
            return Double.doubleToRawLongBits(Double.parseDouble(text));
        }
    };

    /** The canonical text of a result: unsigned decimal, or Java's shortest round-trip double. */
    public abstract String format(long bits);

    abstract long parseBits(String text);

    /** Reads a result printed by a CLI (wasi module, native binary) back into raw bits. */
    public long parse(String text) {
        String trimmed = text.strip();
        try {
            return parseBits(trimmed);
        } catch (NumberFormatException e) {
            throw new NebulaException("expected a " + this + " result, got '" + trimmed + "'", e);
        }
    }
}
