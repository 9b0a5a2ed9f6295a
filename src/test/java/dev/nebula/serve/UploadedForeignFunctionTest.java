package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.runtime.ForeignFixtures;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The foreign fixtures (written to the contract outside the project) uploaded to a real server on chicory-compiler:
 * collatz answers cold and warm; each bad module is refused with 422 and the reason in one line.
 */
class UploadedForeignFunctionTest {
    @TempDir
    static Path store;
    private static NebulaServer server;
    private static ServerClient client;

    @BeforeAll
    static void start() throws Exception {
        // A short request timeout, so that the check of spins.wasm ends the upload quickly.
        ServeOptions options = ServeOptions.defaults().withPort(0).withLimits(8, 64, Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withUploads(UploadOptions.defaults().withStore(store));
        server = NebulaServer.start(options);
        client = new ServerClient(server);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void collatzAnswersColdAndWarm() {
        ServerClient.Answer upload = client.put("functions/collatz?check=27&runtimes=chicory-compiler", ForeignFixtures.bytes("collatz.wasm"));
        assertEquals(201, upload.status(), upload::toString);
        assertEquals(ForeignFixtures.COLLATZ_27, upload.json().path("check").path("answer").asText());
        for (String start : List.of("cold", "warm")) {
            ServerClient.Answer answer = client.post("invoke/chicory-compiler/collatz?n=27&start=" + start);
            assertEquals(200, answer.status(), answer::toString);
            assertEquals("111", answer.text("result"));
            assertTrue(answer.json().path("check").path("equal").asBoolean());
            ServerClient.Answer other = client.post("invoke/chicory-compiler/collatz?n=871&start=" + start);
            assertEquals("178", other.text("result"), other::toString);
        }
        // collatz exits 2 for n = 0: a failure of the function, 422, and the server goes on.
        ServerClient.Answer zero = client.post("invoke/chicory-compiler/collatz?n=0&start=warm");
        assertEquals(422, zero.status(), zero::toString);
        assertEquals(200, client.post("invoke/chicory-compiler/collatz?n=1").status());
    }

    @ParameterizedTest
    @CsvSource({
            "corrupt.wasm, invalid-module, is not a WebAssembly module",
            "extra-imports.wasm, invalid-module, imports env.foo",
            "not-a-command.wasm, invalid-module, is not a WASI command",
            "traps.wasm, trap, the check of bad with n=1 on chicory-compiler failed",
            "spins.wasm, timeout, did not finish",
    })
    void aModuleThatBreaksTheContractIs422SayingWhy(String fixture, String kind, String reason) {
        ServerClient.Answer answer = client.put("functions/bad?runtimes=chicory-compiler", ForeignFixtures.bytes(fixture));
        assertEquals(422, answer.status(), answer::toString);
        assertEquals(kind, answer.text("error"), answer::toString);
        assertTrue(answer.text("message").contains(reason), answer::toString);
        assertEquals(400, client.post("invoke/chicory-compiler/bad?n=1").status());
    }
}
