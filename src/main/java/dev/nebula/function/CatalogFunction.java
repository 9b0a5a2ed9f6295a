package dev.nebula.function;

import dev.nebula.InvalidInputException;
import dev.nebula.UnknownIdException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;
import java.util.regex.Pattern;

/**
 * The catalog: the single source of truth for the built-in functions. Everything else (runtimes,
 * benchmarks, reports, tests) names a function through this enum, never by spelling its id.
 */
public enum CatalogFunction {
    // Sized inputs (S, M, L) were calibrated so the Java reference takes ~1 µs, ~100 µs and ~10 ms on JDK 25
    // (2-core x86_64). exp's whole range costs at most ~1.2 µs, so all three labels map to its largest n.
    FIB("fib", "fibonacci", ResultKind.U64, 0, 1_000_000_000L,
            Reference::fibonacci, 3_500, 350_000, 35_000_000),
    FIB_REC("fib-rec", "fibonacci_recursive", ResultKind.U64, 0, 40,
            Reference::fibonacciRecursive, 13, 23, 33),
    EXP("exp", "exponential", ResultKind.F64, 0, 709,
            n -> Double.doubleToRawLongBits(Reference.exponential(n)), 709, 709, 709),
    FACT("fact", "factorial", ResultKind.U64, 0, 1_000_000_000L,
            Reference::factorial, 1_200, 120_000, 12_000_000),
    PRIME("prime", "prime_number", ResultKind.U64, 1, 1_000_000,
            Reference::primeNumber, 80, 1_500, 28_000),
    // Memory-heavy, the thesis's image service made pure: S, M, L are image sides; L needs ~20 MB of linear memory.
    IMAGE("image", "image_blur", ResultKind.U64, 1, 4_096,
            Reference::imageBlur, 64, 512, 2_048);

    /** A whole number as users write it; only ASCII digits count. */
    private static final Pattern ASCII_WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    private final String id;
    private final String exportName;
    private final ResultKind resultKind;
    private final long minInput;
    private final long maxInput;
    private final LongUnaryOperator reference;
    private final long[] sizedInputs;

    CatalogFunction(String id, String exportName, ResultKind resultKind, long minInput, long maxInput,
             LongUnaryOperator reference, long small, long medium, long large) {
        this.id = id;
        this.exportName = exportName;
        this.resultKind = resultKind;
        this.minInput = minInput;
        this.maxInput = maxInput;
        this.reference = reference;
        this.sizedInputs = new long[] {small, medium, large};
    }

    /** The id users type: the JMH {@code fn} parameter and the CLI's first argument. */
    public String id() {
        return id;
    }

    /** The name the wasm module exports it under. */
    public String exportName() {
        return exportName;
    }

    public ResultKind resultKind() {
        return resultKind;
    }

    public long minInput() {
        return minInput;
    }

    public long maxInput() {
        return maxInput;
    }

    /** The valid range as users read it, e.g. {@code 0 ≤ n ≤ 40}. */
    public String validRange() {
        return minInput + " ≤ n ≤ " + maxInput;
    }

    /** The reference answer as raw 64 bits (see {@link ResultKind}); rejects n outside the valid range. */
    public long reference(long n) {
        requireValidInput(n);
        return reference.applyAsLong(n);
    }

    /** The canonical text of a result of this function. */
    public String format(long bits) {
        return resultKind.format(bits);
    }

    /**
     * The input for a size label. Where the whole valid range is cheaper than the label's target
     * (exp: e^709 takes microseconds), the label maps to the largest valid input: {@link #reachesTarget} says so.
     */
    public long input(Size size) {
        return sizedInputs[size.ordinal()];
    }

    /**
     * {@code points} inputs evenly spaced in log n from S's input to L's, both included: the default suite's sweep over
     * n. Where S and L are the same input (exp, whose whole range costs microseconds), the sweep spans the valid range
     * from 1. Rounding can make neighbours equal on a short range; each input appears once.
     */
    public List<Long> logSpacedInputs(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("a sweep needs at least 2 points; got " + points);
        }
        long low = input(Size.S);
        long high = input(Size.L);
        if (low == high) {
            low = Math.max(1, minInput);
            high = maxInput;
        }
        double ratio = Math.log((double) high / low) / (points - 1);
        List<Long> inputs = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            long n = i == points - 1 ? high : Math.round(low * Math.exp(ratio * i));
            if (inputs.isEmpty() || inputs.getLast() != n) {
                inputs.add(n);
            }
        }
        return inputs;
    }

    /** Whether the Java reference really takes about {@link Size#javaTime()} on this size's input. */
    public boolean reachesTarget(Size size) {
        return input(size) < maxInput || size == Size.S;
    }

    /** Reads n as users write it: a whole number, or a size label S, M or L. Rejects what is not valid. */
    public long input(String text) {
        String trimmed = text.strip();
        for (Size size : Size.values()) {
            if (size.name().equalsIgnoreCase(trimmed)) {
                return input(size);
            }
        }
        long n;
        try {
            if (!ASCII_WHOLE_NUMBER.matcher(trimmed).matches()) {
                throw new NumberFormatException(trimmed); // Long.parseLong would take any script's digits, e.g. Arabic-Indic
            }
            n = Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    "n for " + id + " must be a whole number in " + validRange() + " or a size label S, M or L; got '" + text + "'");
        }
        requireValidInput(n);
        return n;
    }

    /**
     * n in its one spelling, for the JMH parameter and the results: a size label in upper case ({@code s} is
     * {@code S}), a number in plain ASCII digits ({@code 007} is {@code 7}). Text that is neither is returned as it
     * is, for {@link #input(String)} to reject.
     */
    public static String canonicalInput(String text) {
        String trimmed = text.strip();
        for (Size size : Size.values()) {
            if (size.name().equalsIgnoreCase(trimmed)) {
                return size.name();
            }
        }
        if (ASCII_WHOLE_NUMBER.matcher(trimmed).matches()) {
            try {
                return Long.toString(Long.parseLong(trimmed));
            } catch (NumberFormatException tooLong) {
                return text;
            }
        }
        return text;
    }

    /** Throws {@link InvalidInputException}, naming the valid range, when n is outside it. */
    public void requireValidInput(long n) {
        if (n < minInput || n > maxInput) {
            throw new InvalidInputException("n=" + n + " is out of range for " + id + "; valid: " + validRange());
        }
    }

    /** The function with this id; an unknown id is an error that lists the valid ones. */
    public static CatalogFunction byId(String id) {
        for (CatalogFunction function : values()) {
            if (function.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
                return function;
            }
        }
        throw new UnknownIdException("fn", id, ids());
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(CatalogFunction::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
