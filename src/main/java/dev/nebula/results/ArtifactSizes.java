package dev.nebula.results;

import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionArtifact;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What each runtime deploys, in bytes, for the sidecar and the report: the wasm modules, the native binary, the
 * classes Chicory's build-time compiler made from {@code nebula.wasm} (with their {@code .meta}), and each Nebula
 * image for the current binary as {@code docker image inspect} sizes it. An image that is not built yet is left
 * out (the docker runtimes build it at deploy).
 */
public final class ArtifactSizes {
    /** The package Chicory's build-time compiler writes to (see the pom), and the class name prefix per ABI. */
    static final String AOT_PACKAGE = "dev/nebula/runtime/chicory/aot/";
    static final String AOT_HANDLER = "NebulaHandler";
    static final String AOT_WASI = "NebulaWasi";
    /** The repository of each Docker runtime's image ({@code NebulaImage}: nebula-cli-<base>:<binary sha256>-...). */
    static final Map<String, String> IMAGE_REPOSITORIES = Map.of("docker", "nebula-cli-scratch", "docker-debian", "nebula-cli-debian");

    private ArtifactSizes() {}

    /** Every artifact by name, in bytes. */
    public static Map<String, Long> files() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Abi abi : List.of(Abi.HANDLER, Abi.WASI)) {
            sizes.put(abi.artifactName(), (long) FunctionArtifact.bundled(abi).bytes().length);
        }
        if (Files.isRegularFile(FunctionArtifact.NATIVE_BINARY)) {
            sizes.put("native binary", size(FunctionArtifact.NATIVE_BINARY));
        }
        aotBytes(AOT_HANDLER).ifPresent(bytes -> sizes.put("chicory-aot classes (" + Abi.HANDLER.artifactName() + ")", bytes));
        aotBytes(AOT_WASI).ifPresent(bytes -> sizes.put("chicory-aot classes (" + Abi.WASI.artifactName() + ")", bytes));
        if (Files.isRegularFile(FunctionArtifact.NATIVE_BINARY)) {
            String binaryTag = FunctionArtifact.bundled(Abi.CLI).sha256().substring(0, 16);
            IMAGE_REPOSITORIES.forEach((runtime, repository) -> imageBytes(repository, binaryTag)
                    .ifPresent(bytes -> sizes.put("image " + repository, bytes)));
        }
        return sizes;
    }

    /** The artifact each runtime deploys for its default ABI, by runtime id: the report's "artifact size". */
    public static Map<String, Long> perRuntime(Map<String, Long> files) {
        Map<String, Long> perRuntime = new LinkedHashMap<>();
        Long wasm = files.get(Abi.HANDLER.artifactName());
        for (String runtime : List.of("chicory-interp", "chicory-compiler", "graalwasm", "wasmtime")) {
            perRuntime.put(runtime, wasm);
        }
        perRuntime.put("chicory-aot", files.get("chicory-aot classes (" + Abi.HANDLER.artifactName() + ")"));
        perRuntime.put("process", files.get("native binary"));
        IMAGE_REPOSITORIES.forEach((runtime, repository) -> perRuntime.put(runtime, files.get("image " + repository)));
        perRuntime.values().removeIf(java.util.Objects::isNull);
        return perRuntime;
    }

    /** The sidecar's {@code artifacts} entry: every file, and the one per runtime. */
    public static Map<String, Object> describe() {
        Map<String, Long> files = files();
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("files", files);
        described.put("perRuntime", perRuntime(files));
        return described;
    }

    /** Bytes of the build-time compiled classes (and metadata) whose names start with {@code prefix}. */
    static Optional<Long> aotBytes(String prefix) {
        Path location;
        try {
            location = Path.of(ArtifactSizes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
        String start = AOT_PACKAGE + prefix;
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(AOT_PACKAGE))) {
                long total = files.filter(file -> file.getFileName().toString().startsWith(prefix)).mapToLong(ArtifactSizes::size).sum();
                return total > 0 ? Optional.of(total) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            long total = jar.stream().filter(entry -> entry.getName().startsWith(start)).mapToLong(entry -> entry.getSize()).sum();
            return total > 0 ? Optional.of(total) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The size {@code docker image inspect} gives the image of {@code repository} for this binary, if it is built. */
    static Optional<Long> imageBytes(String repository, String binaryTag) {
        Optional<String> tags = docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", repository);
        Optional<String> tag = tags.flatMap(out -> out.lines().filter(line -> line.startsWith(repository + ":" + binaryTag)).findFirst());
        return tag.flatMap(found -> docker("image", "inspect", "--format", "{{.Size}}", found)).map(out -> Long.parseLong(out.strip()));
    }

    private static Optional<String> docker(String... arguments) {
        List<String> command = Stream.concat(Stream.of("docker"), Stream.of(arguments)).toList();
        try {
            Process docker = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!docker.waitFor(30, TimeUnit.SECONDS)) {
                docker.destroyForcibly();
                return Optional.empty();
            }
            return docker.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no docker CLI: no image sizes, as with no engine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        describe().forEach((key, value) -> System.out.println(key + ": " + value));
    }
}
