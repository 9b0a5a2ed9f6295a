package dev.nebula.results;

import dev.nebula.BuildInfo;
import dev.nebula.NebulaException;
import dev.nebula.measure.EnergyCoefficient;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the {@link Sidecar} of a run from the host: JDK, CPU model and cores, kernel, Docker version, the sha256
 * of every module and Nebula image, artifact sizes and the registry, beside what the launcher says about its run.
 */
public final class EnvSidecar {
    /**
     * What the launcher knows about its own run. {@code git} is taken when the run starts ({@link #gitNow()}): a
     * commit made while a forty-minute run is under way did not produce its numbers.
     */
    public record Run(Instant start, Instant end, boolean quick, List<String> jmhArgs, Selection selection,
                      List<Sidecar.Planned> planned, Sidecar.ForkFlagGroups forkFlags, Sidecar.Git git) {}

    /** The runtimes and functions the run selected, and the runtimes it skipped with why. */
    public record Selection(List<String> runtimes, List<String> wasiRuntimes, Map<String, String> skipped, List<String> functions,
                            Optional<Sidecar.UserFunctionFiles> userFunction) {
        /** A run of the catalog, with no user function. */
        public Selection(List<String> runtimes, List<String> wasiRuntimes, Map<String, String> skipped, List<String> functions) {
            this(runtimes, wasiRuntimes, skipped, functions, Optional.empty());
        }
    }

    static final String FORK_FLAGS_NOTE = "every fork's full flags are in the results' jvmArgs and jvmArgsAppend (JMH's own); "
            + "jvm.cds per case says whether CDS was on (graalwasm's --upgrade-module-path turns it off)";

    private EnvSidecar() {}

    /** The fork flags as the sidecar records them. */
    public static Sidecar.ForkFlagGroups forkFlags(List<String> everyFork, List<String> graalwasmForksAlso, List<String> launcherProperties) {
        return new Sidecar.ForkFlagGroups(List.copyOf(everyFork), List.copyOf(graalwasmForksAlso), List.copyOf(launcherProperties), FORK_FLAGS_NOTE);
    }

    public static Sidecar collect(Run run) {
        Selection selection = run.selection();
        Sidecar.RunSection section = new Sidecar.RunSection(run.start().toString(), run.end().toString(),
                Duration.between(run.start(), run.end()).toSeconds(), run.quick(), List.copyOf(run.jmhArgs()),
                selection.runtimes(), selection.wasiRuntimes(), selection.skipped(), selection.functions(), List.copyOf(run.planned()),
                selection.userFunction().orElse(null));
        Sidecar.Jdk jdk = new Sidecar.Jdk(System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"), System.getProperty("java.home"), run.forkFlags());
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("nebula", BuildInfo.PROJECT_VERSION);
        versions.put("graalvm", BuildInfo.GRAALVM_VERSION);
        versions.put("chicory", BuildInfo.CHICORY_VERSION);
        versions.put(WasmtimeRuntime.ID, BuildInfo.WASMTIME_VERSION); // the engine, named as its runtime is
        versions.put("wasmtime-java", BuildInfo.WASMTIME_JAVA_VERSION);
        List<Sidecar.RegistryEntry> registry = new ArrayList<>();
        for (String id : Runtimes.ids()) {
            FunctionHost runtime = Runtimes.byId(id);
            registry.add(new Sidecar.RegistryEntry(id, runtime.description(), runtime.abis().stream().map(Abi::id).toList()));
        }
        return new Sidecar(section, jdk, versions, machine(), docker(), modules(), images(), run.git(), ArtifactSizes.describe(),
                EnergyCoefficient.forThisMachine().describe(), registry, null);
    }

    /** The commit checked out now, and whether tracked files differ from it. */
    public static Sidecar.Git gitNow() {
        String commit = HostProbe.output("git", "-C", BuildInfo.PROJECT_DIR, "rev-parse", "HEAD").orElse(null);
        // Tracked files only: the run's own result files are new and untracked.
        Boolean dirty = HostProbe.output("git", "-C", BuildInfo.PROJECT_DIR, "status", "--porcelain", "--untracked-files=no")
                .map(s -> !s.isEmpty()).orElse(null);
        return new Sidecar.Git(commit, dirty);
    }

    private static Sidecar.Machine machine() {
        return new Sidecar.Machine(firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"),
                java.lang.Runtime.getRuntime().availableProcessors(),
                firstValue(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                HostProbe.output("uname", "-rv").orElse(System.getProperty("os.version")),
                firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").orElse("unknown"),
                read(Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource")).orElse("unknown"),
                HostProbe.output("systemd-detect-virt").orElse("unknown"));
    }

    private static Sidecar.Docker docker() {
        Optional<String> server = DockerCli.serverVersion();
        return new Sidecar.Docker(server.orElse(null), DockerCli.clientVersion().orElse(null),
                server.isEmpty() ? "no Docker engine answered" : null);
    }

    private static List<Sidecar.Module> modules() {
        List<Sidecar.Module> modules = new ArrayList<>();
        for (Abi abi : Abi.values()) {
            if (abi == Abi.COMMAND) {
                continue; // nothing bundled: a user function's files are recorded under run.userFunction
            }
            try {
                FunctionArtifact module = FunctionArtifact.bundled(abi);
                modules.add(new Sidecar.Module(abi.id(), module.name(), (long) module.bytes().length, module.sha256(), null));
            } catch (NebulaException e) {
                modules.add(new Sidecar.Module(abi.id(), null, null, null, e.getMessage()));
            }
        }
        return modules;
    }

    /** Every local image whose name says Nebula, with its full id (the sha256 of its configuration). */
    private static List<Sidecar.Image> images() {
        return DockerCli.images().entrySet().stream()
                .filter(image -> image.getKey().toLowerCase().contains("nebula"))
                .map(image -> new Sidecar.Image(image.getKey(), image.getValue())).toList();
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
}
