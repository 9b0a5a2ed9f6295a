package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nebula.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The page at {@code /} in headless Chromium: {@code scripts/browser-check/serve-page.mjs} picks runtime, function, n
 * and cold/warm, invokes, and must see the answers and their timings. Skipped, saying what to install, without node,
 * Debian's chromium or the pinned playwright-core; {@code scripts/setup.sh} installs all three.
 */
class ServePageBrowserTest {
    private static final Path CHECK_DIR = Path.of(BuildInfo.PROJECT_DIR, "scripts", "browser-check");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("NEBULA_CHROMIUM", "/usr/bin/chromium"));

    @Test
    void thePageInvokesAFunctionAndShowsTheAnswerWithItsTimings() throws Exception {
        assumeTrue(nodeAnswers(), "node is missing: apt-get install -y nodejs npm (scripts/setup.sh does)");
        assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: apt-get install -y chromium (scripts/setup.sh does)");
        assumeTrue(Files.isDirectory(CHECK_DIR.resolve("node_modules/playwright-core")),
                "playwright-core is not installed: cd scripts/browser-check && npm ci (scripts/setup.sh does)");
        try (NebulaServer server = NebulaServer.start(ServeOptions.defaults().withPort(0))) {
            Process node = new ProcessBuilder("node", "serve-page.mjs", server.uri().toString())
                    .directory(CHECK_DIR.toFile()).redirectErrorStream(true).start();
            String output;
            try {
                output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(node.waitFor(120, TimeUnit.SECONDS), "serve-page.mjs did not end");
            } finally {
                node.destroyForcibly();
            }
            assertEquals(0, node.exitValue(), output);
            assertTrue(output.contains("fib(90) = 2880067194370816120 on java, cold"), output);
        }
    }

    private static boolean nodeAnswers() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            return node.waitFor(10, TimeUnit.SECONDS) && node.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
