package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.Need;
import dev.nebula.runtime.ForeignFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --allow-native} on, with a real Docker engine: collatz's static binary joins its module, runs in a locked-down
 * container on {@code docker} cold and warm, and is redeployed from the store after a restart.
 */
@Tag(Need.DOCKER)
class UploadNativeBinaryTest {
    @TempDir
    Path store;

    @Test
    void aBinaryRunsInContainersColdAndWarmAndAfterARestart() throws Exception {
        ServeOptions options = ServeOptions.defaults().withPort(0)
                .withUploads(UploadOptions.defaults().withStore(store).withAllowNative(true));
        try (NebulaServer server = NebulaServer.start(options); ServerClient client = new ServerClient(server)) {
            assertEquals(201, client.put("functions/collatz?check=27&runtimes=chicory-compiler", ForeignFixtures.bytes("collatz.wasm")).status());
            ServerClient.Answer binary = client.put("functions/collatz/binary", ForeignFixtures.bytes("collatz"));
            assertEquals(200, binary.status(), binary::toString);
            List<String> runtimes = new ArrayList<>();
            binary.json().path("runtimes").forEach(id -> runtimes.add(id.asText()));
            assertTrue(runtimes.contains("docker") && !runtimes.contains("process"), runtimes::toString);
            for (String start : List.of("cold", "warm")) {
                ServerClient.Answer answer = client.post("invoke/docker/collatz?n=27&start=" + start);
                assertEquals(200, answer.status(), answer::toString);
                assertEquals("111", answer.text("result"));
            }
        }
        try (NebulaServer server = NebulaServer.start(options); ServerClient client = new ServerClient(server)) {
            ServerClient.Answer answer = client.post("invoke/docker/collatz?n=871");
            assertEquals(200, answer.status(), answer::toString);
            assertEquals("178", answer.text("result"));
        }
    }
}
