package dev.nebula.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the sidecar {@code <stamp>.env.json} says about a run, for labels: the machine, the JDK and the commit. A run
 * without a sidecar is still a run; its labels say "unknown".
 *
 * @param env the sidecar's JSON as written, or null when there is none: for fields the {@link Sidecar} schema leaves
 *     open (a hand-written {@code notes.thesis}); read known fields through {@link #sidecar()}
 */
public record RunInfo(String stamp, JsonNode env) {
    static final String UNKNOWN = "unknown";

    /** The run of {@code json}, with its sidecar when there is one; a sidecar that is not JSON is an error naming it. */
    public static RunInfo of(Path json) {
        Path sidecar = ResultFiles.sidecar(json);
        if (!Files.isRegularFile(sidecar)) {
            return new RunInfo(ResultFiles.stamp(json), null);
        }
        try {
            JsonNode tree = new ObjectMapper().readTree(sidecar.toFile());
            Sidecar.of(tree); // a sidecar that does not fit the schema fails here, naming its file, not in a table
            return new RunInfo(ResultFiles.stamp(json), tree);
        } catch (IOException | NebulaException e) {
            throw new NebulaException(sidecar + " is not a valid sidecar (" + e.getMessage().lines().findFirst().orElse("")
                    + "); move it away to report without it");
        }
    }

    public boolean hasSidecar() {
        return env != null;
    }

    /** The sidecar as its schema reads it; empty without one. */
    public Optional<Sidecar> sidecar() {
        return env == null ? Optional.empty() : Optional.of(Sidecar.of(env));
    }

    private <S> String text(Function<Sidecar, S> section, Function<S, Object> field) {
        Object value = sidecar().map(section).map(field).orElse(null);
        return value == null || value.toString().isEmpty() ? UNKNOWN : value.toString();
    }

    /** CPU model and core count: what makes two machines' numbers incomparable. */
    public String machine() {
        return env == null ? "machine unknown (no sidecar)"
                : text(Sidecar::machine, Sidecar.Machine::cpuModel) + ", " + text(Sidecar::machine, Sidecar.Machine::cores) + " cores";
    }

    public String jdk() {
        return env == null ? UNKNOWN : text(Sidecar::jdk, Sidecar.Jdk::vmName) + " " + text(Sidecar::jdk, Sidecar.Jdk::vmVersion);
    }

    public String commit() {
        String commit = text(Sidecar::git, Sidecar.Git::commit);
        String shortCommit = commit.length() > 10 ? commit.substring(0, 10) : commit;
        boolean dirty = sidecar().map(Sidecar::git).map(Sidecar.Git::dirty).orElse(false);
        return shortCommit + (dirty ? " (uncommitted changes)" : "");
    }

    public boolean quick() {
        return sidecar().map(Sidecar::quick).orElse(false);
    }

    /** The line under every chart's title: which run, on which machine and JDK. */
    public String subtitle() {
        return "run " + stamp + " · " + machine() + " · JDK " + text(Sidecar::jdk, Sidecar.Jdk::version);
    }
}
