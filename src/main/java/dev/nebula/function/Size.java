package dev.nebula.function;

/**
 * Size labels for n, so sizes compare across functions: each function maps them to the input
 * on which the plain Java reference takes about this long (see {@link CatalogFunction#input(Size)}).
 */
public enum Size {
    S("~1 µs"),
    M("~100 µs"),
    L("~10 ms");

    private final String javaTime;

    Size(String javaTime) {
        this.javaTime = javaTime;
    }

    /** The time the Java reference takes on this size's input. */
    public String javaTime() {
        return javaTime;
    }
}
