package dev.nebula.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the sidecar {@code <stamp>.env.json} says about a run, for labels: the machine, the JDK and the commit. A run
 * without a sidecar is still a run; its labels say "unknown".
 *
 * @param env the sidecar's JSON, or null when there is none
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
            return new RunInfo(ResultFiles.stamp(json), new ObjectMapper().readTree(sidecar.toFile()));
        } catch (IOException e) {
            throw new NebulaException(sidecar + " is not a valid sidecar (" + e.getMessage().lines().findFirst().orElse("")
                    + "); move it away to report without it");
        }
    }

    public boolean hasSidecar() {
        return env != null;
    }

    private String text(String... path) {
        if (env == null) {
            return UNKNOWN;
        }
        JsonNode node = env;
        for (String key : path) {
            node = node.path(key);
        }
        return node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? UNKNOWN : node.asText();
    }

    /** CPU model and core count: what makes two machines' numbers incomparable. */
    public String machine() {
        return env == null ? "machine unknown (no sidecar)" : text("machine", "cpuModel") + ", " + text("machine", "cores") + " cores";
    }

    public String jdk() {
        return env == null ? UNKNOWN : text("jdk", "java.vm.name") + " " + text("jdk", "java.vm.version");
    }

    public String commit() {
        String commit = text("git", "commit");
        String shortCommit = commit.length() > 10 ? commit.substring(0, 10) : commit;
        return shortCommit + (env != null && env.path("git").path("dirty").asBoolean(false) ? " (uncommitted changes)" : "");
    }

    public boolean quick() {
        return env != null && env.path("run").path("quick").asBoolean(false);
    }

    /** The line under every chart's title: which run, on which machine and JDK. */
    public String subtitle() {
        return "run " + stamp + " · " + machine() + " · JDK " + text("jdk", "java.version");
    }
}
