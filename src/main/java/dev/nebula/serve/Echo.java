package dev.nebula.serve;

/** A value the client sent, as an error message may quote it: at most 64 characters, so an answer never grows with the input. */
final class Echo {
    static final int MAX = 64;

    private Echo() {}

    static String of(String value) {
        if (value.length() <= MAX) {
            return value;
        }
        return value.substring(0, MAX) + "… (" + value.length() + " characters)";
    }
}
