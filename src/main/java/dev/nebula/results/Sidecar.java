package dev.nebula.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The schema of the sidecar {@code <stamp>.env.json} beside a result file: what a reader needs to reproduce or
 * distrust the numbers. {@link EnvSidecar} fills it, the check and the report read it, and both go through
 * {@link #toJson()} and {@link #read(Path)}, so writer and readers cannot disagree on a field's spelling. A field an
 * older sidecar lacks reads as null; a field this schema does not know is ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sidecar(RunSection run, Jdk jdk, Map<String, String> versions, Machine machine, Docker docker,
                      List<Module> modules, List<Image> images, Git git, Artifacts artifacts, Map<String, Object> energy,
                      List<RegistryEntry> registry, Map<String, String> notes) {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What the launcher knows about its own run: when, how, what it planned and what it skipped. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunSection(String start, String end, Long durationSeconds, boolean quick, List<String> jmhArgs,
                             List<String> runtimes, List<String> wasiRuntimes, Map<String, String> skipped,
                             List<String> functions, List<Planned> planned, UserFunctionFiles userFunction) {}

    /**
     * The user function a run measured ({@code -p module}, {@code -p binary}), by file name, size and SHA-256, so the
     * numbers can be tied to the exact bytes; absent for a run of the catalog.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserFunctionFiles(String name, String module, Long moduleBytes, String moduleSha256,
                                    String binary, Long binaryBytes, String binarySha256) {}

    /**
     * A benchmark method the run asked JMH for, with every value of every parameter it asked for, and the flags its
     * JMH run appended to every fork (graalwasm's runs append GraalWasm's).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Planned(String benchmark, Map<String, List<String>> params, List<String> jvmArgsAppend) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Jdk(@JsonProperty("java.version") String version, @JsonProperty("java.vendor") String vendor,
                      @JsonProperty("java.vm.name") String vmName, @JsonProperty("java.vm.version") String vmVersion,
                      @JsonProperty("java.home") String home, ForkFlagGroups forkFlags) {}

    /**
     * Every fork's flags, those only graalwasm's forks add, and the launcher's own {@code -Dnebula.*} properties,
     * which the launcher appends to every fork (null in sidecars older than that).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ForkFlagGroups(List<String> everyFork, List<String> graalwasmForksAlso, List<String> launcherProperties, String note) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ForkFlagGroups {}

        /** The first sidecars (jmh-results/superseded/) wrote only GraalWasm's flags, as a list. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ForkFlagGroups graalwasmOnly(List<String> flags) {
            return new ForkFlagGroups(null, flags, null, null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Machine(String cpuModel, Integer cores, String memory, String os, String kernel, String distribution,
                          String clocksource, String virtualization) {}

    /** The Docker engine and client versions; null and a note when no engine answered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Docker(String server, String client, String note) {}

    /** A bundled module of one ABI, or why it is missing. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Module(String abi, String name, Long bytes, String sha256, String missing) {}

    /** A local Nebula image and its full id (the sha256 of its configuration). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Image(String image, String id) {}

    /** The commit the run measured, and whether tracked files differed from it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Git(String commit, Boolean dirty) {}

    /** What each runtime deploys, in bytes: every file by name, and the one per runtime id (the report's column). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Artifacts(Map<String, Long> files, Map<String, Long> perRuntime) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RegistryEntry(String id, String description, List<String> abis) {}

    /** The sidecar as written to disk: indented JSON and a final newline. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new NebulaException("cannot write the sidecar: " + e.getOriginalMessage(), e);
        }
    }

    /** The sidecar at {@code file}; one that is not a sidecar is an error naming it and what to do. */
    public static Sidecar read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Sidecar.class);
        } catch (IOException e) {
            throw new NebulaException(file + " is not a valid sidecar (" + e.getMessage().lines().findFirst().orElse("")
                    + "); move it away to report without it", e);
        }
    }

    /** The sidecar of a JSON tree already read (e.g. by {@link RunInfo}). */
    public static Sidecar of(JsonNode tree) {
        try {
            return JSON.treeToValue(tree, Sidecar.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new NebulaException(e.getMessage().lines().findFirst().orElse(e.toString()), e); // the caller names the file
        }
    }

    /** The sidecar as a JSON tree, for readers that look up a field the schema leaves open. */
    public JsonNode toTree() {
        return JSON.valueToTree(this);
    }

    /** The per-runtime artifact sizes; empty when the run recorded none. */
    public Map<String, Long> artifactsPerRuntime() {
        return artifacts == null || artifacts.perRuntime() == null ? Map.of() : artifacts.perRuntime();
    }

    /** The planned benchmarks; empty when the run recorded none. */
    public List<Planned> planned() {
        return run == null || run.planned() == null ? List.of() : run.planned();
    }

    /** The runtimes the run skipped, with why; empty when it skipped none. */
    public Map<String, String> skipped() {
        return run == null || run.skipped() == null ? Map.of() : run.skipped();
    }

    /** Whether this was the quick smoke run, whose warm-ups are capped at zero by design. */
    public boolean quick() {
        return run != null && run.quick();
    }
}
