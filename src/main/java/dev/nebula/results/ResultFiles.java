package dev.nebula.results;

import java.nio.file.Path;

/** The files that belong to one result file {@code <stamp>.json}, all beside it. */
public final class ResultFiles {
    private ResultFiles() {}

    /** {@code <stamp>} of {@code <stamp>.json}. */
    public static String stamp(Path resultsJson) {
        return resultsJson.getFileName().toString().replaceFirst("\\.json$", "");
    }

    /** {@code <stamp>.env.json}: the environment sidecar. */
    public static Path sidecar(Path resultsJson) {
        return beside(resultsJson, ".env.json");
    }

    /** {@code <stamp><suffix>} beside the results. */
    public static Path beside(Path resultsJson, String suffix) {
        return resultsJson.resolveSibling(stamp(resultsJson) + suffix);
    }
}
