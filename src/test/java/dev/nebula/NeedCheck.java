package dev.nebula;

import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.docker.DockerRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reads a test's {@link Need} tags and looks for each need on this machine: a test whose need is missing is skipped
 * with one line saying what is missing and how to get it, and fails instead in CI (env {@code CI=true}) or with
 * {@code -Dnebula.tests.requireAll=true}, where nothing may be missing. Registered for every test through
 * {@code META-INF/services} (see junit-platform.properties), so a tag alone is enough.
 */
public final class NeedCheck implements ExecutionCondition {
    public static final String REQUIRE_ALL_PROPERTY = "nebula.tests.requireAll";
    private static final Path BROWSER_CHECK_DIR = Path.of(BuildInfo.PROJECT_DIR, "scripts", "browser-check");

    /** The needs that can be missing, each with its probe: empty when present, else what is missing. */
    private static final Map<String, Supplier<Optional<String>>> PROBES = Map.of(
            Need.DOCKER, NeedCheck::docker,
            Need.ROOT, NeedCheck::root,
            Need.BROWSER, NeedCheck::browser,
            Need.NATIVE, NeedCheck::nativeBinary);
    /** Each probe runs once per test JVM. */
    private static final Map<String, Optional<String>> FOUND = new ConcurrentHashMap<>();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        for (String tag : context.getTags()) {
            Supplier<Optional<String>> probe = PROBES.get(tag);
            Optional<String> missing = probe == null ? Optional.empty() : FOUND.computeIfAbsent(tag, t -> probe.get());
            if (missing.isPresent()) {
                String line = "needs " + tag + ": " + missing.get();
                if (requireAll()) {
                    throw new IllegalStateException(line + " (CI=true or -D" + REQUIRE_ALL_PROPERTY + "=true: nothing may be missing)");
                }
                return ConditionEvaluationResult.disabled(line);
            }
        }
        return ConditionEvaluationResult.enabled("every need is here");
    }

    static boolean requireAll() {
        return "true".equals(System.getenv("CI")) || Boolean.getBoolean(REQUIRE_ALL_PROPERTY);
    }

    private static Optional<String> docker() {
        try {
            DockerRuntime.scratch().requireAvailable();
            DockerRuntime.debian().requireAvailable();
            return Optional.empty();
        } catch (RuntimeUnavailableException e) {
            return Optional.of(e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Optional<String> nativeBinary() {
        return Files.isExecutable(FunctionArtifact.NATIVE_BINARY) ? Optional.empty()
                : Optional.of(FunctionArtifact.NATIVE_BINARY + " is missing; build it with: bash wasm-modules/build.sh");
    }

    /** Root alone is not enough (a container may deny CAP_SYS_ADMIN): a tmpfs is mounted and unmounted once. */
    private static Optional<String> root() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("mounting a small or read-only tmpfs needs root; running as " + System.getProperty("user.name"));
        }
        try {
            Path directory = Files.createTempDirectory("nebula-mount-probe");
            try {
                Optional<String> mounted = run(List.of("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", directory.toString()));
                if (mounted.isPresent()) {
                    return Optional.of("cannot mount a tmpfs here (no CAP_SYS_ADMIN?): " + mounted.get());
                }
                return run(List.of("umount", directory.toString()));
            } finally {
                Files.deleteIfExists(directory);
            }
        } catch (IOException e) {
            return Optional.of("cannot try a tmpfs mount: " + e.getMessage());
        }
    }

    private static Optional<String> browser() {
        if (run(List.of("node", "--version")).isPresent()) {
            return Optional.of("node is missing: apt-get install -y nodejs npm (scripts/setup.sh does)");
        }
        Path chromium = Path.of(System.getenv().getOrDefault("NEBULA_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            return Optional.of(chromium + " is missing: apt-get install -y chromium (scripts/setup.sh does)");
        }
        if (!Files.isDirectory(BROWSER_CHECK_DIR.resolve("node_modules/playwright-core"))) {
            return Optional.of("playwright-core is not installed: cd scripts/browser-check && npm ci (scripts/setup.sh does)");
        }
        return Optional.empty();
    }

    /** Runs a short command: empty when it exits 0, else its output on one line. */
    private static Optional<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().replace('\n', ' ');
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of(String.join(" ", command) + " did not finish");
            }
            return process.exitValue() == 0 ? Optional.empty() : Optional.of(String.join(" ", command) + ": " + output);
        } catch (IOException e) {
            return Optional.of(String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(String.join(" ", command) + " was interrupted");
        }
    }
}
