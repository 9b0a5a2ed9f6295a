package dev.nebula.results;

import dev.nebula.measure.EnergyCoefficient;
import dev.nebula.run.ForkFlags;
import dev.nebula.run.RunPlan;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.BuildInfo;
import dev.nebula.NebulaException;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code <timestamp>.env.json} beside a result file: what a reader needs to reproduce or distrust the
 * numbers. JDK and fork flags, CPU model and cores, kernel, Docker version, the sha256 of every module and
 * Nebula image, the git commit (and whether the tree was dirty), and what the run planned and skipped.
 */
public final class EnvSidecar {
    /** What the suite knows about its own run. */
    public record Run(Instant start, Instant end, boolean quick, List<String> jmhArgs, RunPlan plan, List<Planned> planned) {}

    /**
     * A benchmark method the run asked JMH for, with every value of every parameter it asked for, and the flags its
     * JMH run appended to every fork (graalwasm's runs append GraalWasm's).
     */
    public record Planned(String benchmark, Map<String, List<String>> params, List<String> jvmArgsAppend) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long COMMAND_TIMEOUT_SECONDS = 20;

    private final ObjectNode root;

    private EnvSidecar(ObjectNode root) {
        this.root = root;
    }

    public static EnvSidecar collect(Run run) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode suite = root.putObject("run");
        suite.put("start", run.start().toString());
        suite.put("end", run.end().toString());
        suite.put("durationSeconds", Duration.between(run.start(), run.end()).toSeconds());
        suite.put("quick", run.quick());
        suite.set("jmhArgs", strings(run.jmhArgs()));
        suite.set("runtimes", strings(run.plan().runtimes()));
        suite.set("wasiRuntimes", strings(run.plan().speaking(Abi.WASI)));
        ObjectNode skipped = suite.putObject("skipped");
        run.plan().skipped().forEach(skipped::put);
        suite.set("functions", strings(run.plan().functions()));
        ArrayNode planned = suite.putArray("planned");
        for (Planned benchmark : run.planned()) {
            ObjectNode entry = planned.addObject().put("benchmark", benchmark.benchmark());
            ObjectNode params = entry.putObject("params");
            benchmark.params().forEach((name, values) -> params.set(name, strings(values)));
            entry.set("jvmArgsAppend", strings(benchmark.jvmArgsAppend()));
        }

        ObjectNode jdk = root.putObject("jdk");
        for (String property : List.of("java.version", "java.vendor", "java.vm.name", "java.vm.version", "java.home")) {
            jdk.put(property, System.getProperty(property));
        }
        ObjectNode forkFlags = jdk.putObject("forkFlags");
        forkFlags.set("everyFork", strings(ForkFlags.HYGIENE));
        forkFlags.set("graalwasmForksAlso", strings(ForkFlags.GRAALWASM));
        forkFlags.put("note", "every fork's full flags are in the results' jvmArgs and jvmArgsAppend (JMH's own); "
                + "jvm.cds per case says whether CDS was on (graalwasm's --upgrade-module-path turns it off)");
        ObjectNode versions = root.putObject("versions");
        versions.put("nebula", BuildInfo.PROJECT_VERSION);
        versions.put("graalvm", BuildInfo.GRAALVM_VERSION);
        versions.put("chicory", BuildInfo.CHICORY_VERSION);
        versions.put("wasmtime", BuildInfo.WASMTIME_VERSION);
        versions.put("wasmtime-java", BuildInfo.WASMTIME_JAVA_VERSION);

        root.set("machine", machine());
        root.set("docker", docker());
        root.set("modules", modules());
        root.set("images", images());
        root.set("git", git());
        root.set("artifacts", JSON.valueToTree(ArtifactSizes.describe()));
        root.set("energy", JSON.valueToTree(EnergyCoefficient.forThisMachine().describe()));
        ArrayNode runtimes = root.putArray("registry");
        for (String id : Runtimes.ids()) {
            FunctionHost runtime = Runtimes.byId(id);
            runtimes.addObject().put("id", id).put("description", runtime.description())
                    .set("abis", strings(runtime.abis().stream().map(Abi::id).toList()));
        }
        return new EnvSidecar(root);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new NebulaException("cannot write the sidecar: " + e.getMessage(), e);
        }
    }

    private static ObjectNode machine() {
        ObjectNode machine = JSON.createObjectNode();
        machine.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"));
        machine.put("cores", java.lang.Runtime.getRuntime().availableProcessors());
        machine.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("kernel", command("uname", "-rv").orElse(System.getProperty("os.version")));
        machine.put("distribution", firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").orElse("unknown"));
        machine.put("clocksource", read(Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource")).orElse("unknown"));
        machine.put("virtualization", command("systemd-detect-virt").orElse("unknown"));
        return machine;
    }

    private static ObjectNode docker() {
        ObjectNode docker = JSON.createObjectNode();
        Optional<String> server = command("docker", "version", "--format", "{{.Server.Version}}");
        docker.put("server", server.orElse(null));
        docker.put("client", command("docker", "version", "--format", "{{.Client.Version}}").orElse(null));
        if (server.isEmpty()) {
            docker.put("note", "no Docker engine answered");
        }
        return docker;
    }

    private static ArrayNode modules() {
        ArrayNode modules = JSON.createArrayNode();
        for (Abi abi : Abi.values()) {
            ObjectNode entry = modules.addObject().put("abi", abi.id());
            try {
                FunctionArtifact module = FunctionArtifact.bundled(abi);
                entry.put("name", module.name()).put("bytes", module.bytes().length).put("sha256", module.sha256());
            } catch (NebulaException e) {
                entry.put("missing", e.getMessage());
            }
        }
        return modules;
    }

    /** Every local image whose name says Nebula, with its full id (the sha256 of its configuration). */
    private static ArrayNode images() {
        ArrayNode images = JSON.createArrayNode();
        command("docker", "image", "ls", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}}\t{{.ID}}").ifPresent(out -> {
            for (String line : out.split("\n")) {
                String[] nameAndId = line.split("\t");
                if (nameAndId.length == 2 && nameAndId[0].toLowerCase().contains("nebula")) {
                    images.addObject().put("image", nameAndId[0]).put("id", nameAndId[1]);
                }
            }
        });
        return images;
    }

    private static ObjectNode git() {
        ObjectNode git = JSON.createObjectNode();
        git.put("commit", command("git", "-C", BuildInfo.PROJECT_DIR, "rev-parse", "HEAD").orElse(null));
        // Tracked files only: the run's own result files are new and untracked when this is written.
        git.put("dirty", command("git", "-C", BuildInfo.PROJECT_DIR, "status", "--porcelain", "--untracked-files=no")
                .map(s -> !s.isEmpty()).orElse(null));
        return git;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static Optional<String> firstValue(Path file, String key) {
        return read(file).flatMap(text -> text.lines()
                .filter(line -> line.startsWith(key))
                .map(line -> line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).strip().replace("\"", ""))
                .findFirst());
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A command's trimmed stdout, or empty when it is missing, fails or hangs. */
    static Optional<String> command(String... command) {
        Path out = null;
        try {
            out = Files.createTempFile("nebula-env", ".out");
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(Files.readString(out).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            deleteQuietly(out);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
