package dev.nebula.serve;

import dev.nebula.InvalidInputException;

/** A command-line option's valid whole numbers: a value outside is refused with one line naming the range. */
record OptionRange(String option, long min, long max) {

    /** {@code value} as written on the command line: ASCII digits only (no {@code ٣}, no {@code +}, no blanks). */
    long parse(String value) {
        if (!value.matches("-?[0-9]{1,18}")) {
            throw new InvalidInputException(option + " takes a whole number in " + min + ".." + max + "; got '"
                    + Echo.of(value) + "'");
        }
        return require(Long.parseLong(value));
    }

    long require(long value) {
        if (value < min || value > max) {
            throw new InvalidInputException(option + " must be in " + min + ".." + max + "; got " + value);
        }
        return value;
    }
}
