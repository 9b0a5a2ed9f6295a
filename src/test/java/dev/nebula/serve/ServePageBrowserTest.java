package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.BuildInfo;
import dev.nebula.Need;
import dev.nebula.runtime.ForeignFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page at {@code /} in headless Chromium: {@code scripts/browser-check/serve-page.mjs} picks runtime, function, n
 * and cold/warm, invokes, and must see the answers and their timings; then uploads the foreign collatz.wasm through the
 * upload form, sees it listed and invokes it. Needs node, Debian's chromium and the pinned
 * playwright-core ({@code scripts/setup.sh} installs all three): without one it is skipped, saying what to install.
 */
@Tag(Need.BROWSER)
class ServePageBrowserTest {
    private static final Path CHECK_DIR = Path.of(BuildInfo.PROJECT_DIR, "scripts", "browser-check");

    @TempDir
    Path store;

    @Test
    void thePageInvokesAFunctionAndShowsTheAnswerWithItsTimings() throws Exception {
        ServeOptions options = ServeOptions.defaults().withPort(0).withUploads(UploadOptions.defaults().withStore(store));
        try (NebulaServer server = NebulaServer.start(options)) {
            Process node = new ProcessBuilder("node", "serve-page.mjs", server.uri().toString(),
                    ForeignFixtures.file("collatz.wasm").toString())
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
            assertTrue(output.contains("collatz(871) = 178 on chicory-compiler, warm"), output);
        }
    }
}
