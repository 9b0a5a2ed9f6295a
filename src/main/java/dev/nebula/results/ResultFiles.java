package dev.nebula.results;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The files that belong to one result file {@code <stamp>.json}, all beside it. */
public final class ResultFiles {
    /** A run's {@code <stamp>}: its start in UTC to the second, e.g. {@code 20261125T170525Z}, so names sort by time. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ResultFiles() {}

    /** The {@code <stamp>} of a run started at {@code start}. */
    public static String stamp(Instant start) {
        return STAMP.format(start);
    }

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
