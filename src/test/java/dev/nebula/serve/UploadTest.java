package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads through a real server, over scripted runtimes ({@link ScriptedDeployer}): deploy, invoke cold and warm,
 * list, remove, restart on the same store, a store left half-written by a crash, and every error with its status.
 */
class UploadTest {
    @TempDir
    Path store;

    private final ScriptedDeployer deployer = new ScriptedDeployer();

    private NebulaServer start(UploadOptions uploads) throws IOException {
        Map<String, Supplier<FunctionHost>> runtimes = new LinkedHashMap<>();
        for (String id : List.of("wasm-a", "wasm-b", "container-x")) {
            ScriptedRuntime runtime = new ScriptedRuntime(id, (fn, n) -> fn.reference(n));
            runtimes.put(id, () -> runtime);
        }
        return NebulaServer.start(ServeOptions.defaults().withPort(0).withUploads(uploads), runtimes, deployer);
    }

    private NebulaServer start() throws IOException {
        return start(UploadOptions.defaults().withStore(store));
    }

    @Test
    void anUploadIsDeployedOnEveryModuleRuntimeAndAnswersColdAndWarm() throws Exception {
        byte[] module = ScriptedDeployer.module("square");
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            ServerClient.Answer upload = client.put("functions/sq?check=3", module);
            assertEquals(201, upload.status(), upload::toString);
            assertEquals(FunctionArtifact.sha256(module), upload.text("sha256"));
            assertEquals(module.length, upload.json().path("size").asInt());
            assertEquals(List.of("wasm-a", "wasm-b"), ids(upload.json().path("runtimes")));
            assertEquals("9", upload.json().path("check").path("answer").asText());
            for (String runtime : List.of("wasm-a", "wasm-b")) {
                for (String start : List.of("cold", "warm")) {
                    ServerClient.Answer answer = client.post("invoke/" + runtime + "/sq?n=3&start=" + start);
                    assertEquals(200, answer.status(), answer::toString);
                    assertEquals("9", answer.text("result"));
                    assertEquals("upload", answer.json().path("check").path("reference").asText());
                }
            }
            JsonNode listed = client.get("functions").json();
            assertEquals("sq", listed.path("uploads").get(0).path("id").asText());
            assertEquals(FunctionArtifact.sha256(module), listed.path("uploads").get(0).path("sha256").asText());
            assertEquals(module.length, listed.path("uploads").get(0).path("size").asInt());
            assertEquals(2, listed.path("builtInModules").size());
            // Only the runtimes it is deployed on run it.
            ServerClient.Answer elsewhere = client.post("invoke/container-x/sq?n=3");
            assertEquals(400, elsewhere.status(), elsewhere::toString);
            assertEquals("sq is not deployed on container-x; it is on: wasm-a, wasm-b", elsewhere.text("message"));
        }
    }

    @Test
    void theRuntimesAskedForAreTheOnesDeployed() throws Exception {
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            ServerClient.Answer upload = client.put("functions/sq?runtimes=wasm-b", ScriptedDeployer.module("square"));
            assertEquals(201, upload.status(), upload::toString);
            assertEquals(List.of("wasm-b"), ids(upload.json().path("runtimes")));
            assertEquals("1", upload.json().path("check").path("answer").asText()); // check=1 by default
            ServerClient.Answer notModules = client.put("functions/sq?runtimes=container-x", ScriptedDeployer.module("square"));
            assertError(notModules, 400, "bad-input", "runtime 'container-x' does not run uploaded modules; runtimes that do: wasm-a, wasm-b");
        }
    }

    /** Without a reference of its own, an upload's answers are checked against the first answer for the same n. */
    @Test
    void aLaterAnswerThatDiffersFromTheFirstForTheSameNIsAWrongAnswer() throws Exception {
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            assertEquals(201, client.put("functions/counter?check=5&runtimes=wasm-a", ScriptedDeployer.module("count")).status());
            ServerClient.Answer again = client.post("invoke/wasm-a/counter?n=5");
            assertError(again, 500, "wrong-answer", "wasm-a answered '2' for counter(5), the first answer recorded for that n is '1'");
            ServerClient.Answer first = client.post("invoke/wasm-a/counter?n=7");
            assertEquals(200, first.status(), first::toString);
            assertEquals("this-answer", first.json().path("check").path("reference").asText());
            ServerClient.Answer second = client.post("invoke/wasm-a/counter?n=7&start=warm");
            assertEquals(500, second.status(), second::toString);
            assertEquals("3", second.text("expected"));
        }
    }

    @Test
    void aBadNameIs400AndNeverAPath() throws Exception {
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            for (String name : List.of("Fib", "a.b", "x".repeat(65), "a%20b", "-%2E%2E")) {
                ServerClient.Answer answer = client.put("functions/" + name, ScriptedDeployer.module("square"));
                assertEquals(400, answer.status(), () -> name + ": " + answer);
                assertEquals("bad-input", answer.text("error"));
                assertTrue(answer.text("message").startsWith("a function name is [a-z0-9-]{1,64}"), answer::toString);
            }
            // An encoded slash never reaches a handler: Jetty refuses the ambiguous path itself.
            ServerClient.Answer slash = client.put("functions/..%2Fetc", ScriptedDeployer.module("square"));
            assertEquals(400, slash.status(), slash::toString);
            assertEquals(List.of(), storeFiles());
        }
    }

    @Test
    void aBuiltInsNameIs409() throws Exception {
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            ServerClient.Answer answer = client.put("functions/fib", ScriptedDeployer.module("square"));
            assertEquals(409, answer.status(), answer::toString);
            assertEquals("name-taken", answer.text("error"));
            assertTrue(answer.text("message").startsWith("'fib' is a built-in function; pick another name"), answer::toString);
            assertEquals(409, client.delete("functions/fib").status());
        }
    }

    /** Over --max-module: refused with 413 whether the size is declared up front or only found while reading (chunked). */
    @Test
    void aModuleOverTheLimitIs413() throws Exception {
        try (NebulaServer server = start(UploadOptions.defaults().withStore(store).withMaxModule(1024));
             ServerClient client = new ServerClient(server)) {
            byte[] big = ScriptedDeployer.module("square" + " ".repeat(2048));
            ServerClient.Answer declared = client.put("functions/big", big);
            assertError(declared, 413, "too-large", null);
            assertTrue(declared.text("message").contains("--max-module"), declared::toString);
            ServerClient.Answer chunked = client.send(HttpRequest.newBuilder(server.uri().resolve("functions/big"))
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
            assertError(chunked, 413, "too-large", null);
            assertEquals(List.of(), storeFiles());
            assertEquals(201, client.put("functions/small", ScriptedDeployer.module("square")).status());
        }
    }

    @Test
    void anInvalidOrTrappingModuleIs422AndIsNotStored() throws Exception {
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            assertError(client.put("functions/junk", new byte[] {1, 2, 3, 4, 5}), 422, "invalid-module",
                    "not a WebAssembly module: no \\0asm header");
            assertError(client.put("functions/trapper?check=2", ScriptedDeployer.module("trap")), 422, "trap",
                    "the check of trapper with n=2 on wasm-a failed: wasm trap: unreachable");
            assertEquals(List.of(), storeFiles());
            assertEquals(0, client.get("functions").json().path("uploads").size());
            // What a failed upload deployed is closed again.
            assertEquals(deployer.deployed.get(), deployer.closed.get());
        }
    }

    @Test
    void deleteUndeploysAndRemovesIt() throws Exception {
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            assertEquals(201, client.put("functions/sq", ScriptedDeployer.module("square")).status());
            assertEquals(200, client.post("invoke/wasm-a/sq?n=4&start=warm").status());
            ServerClient.Answer removed = client.delete("functions/sq");
            assertEquals(200, removed.status(), removed::toString);
            assertEquals(2, deployer.closed.get());
            assertEquals(List.of(), storeFiles());
            assertEquals(400, client.post("invoke/wasm-a/sq?n=4").status());
            assertError(client.delete("functions/sq"), 404, "not-found", null);
        }
    }

    /** The restart: a new server on the same store serves the upload, checked against the answer recorded at upload. */
    @Test
    void anUploadIsStillThereAfterARestart() throws Exception {
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            assertEquals(201, client.put("functions/sq?check=12", ScriptedDeployer.module("square")).status());
        }
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            JsonNode listed = client.get("functions").json().path("uploads");
            assertEquals(1, listed.size(), listed::toString);
            assertEquals(List.of("wasm-a", "wasm-b"), ids(listed.get(0).path("runtimes")));
            for (String start : List.of("cold", "warm")) {
                ServerClient.Answer answer = client.post("invoke/wasm-b/sq?n=12&start=" + start);
                assertEquals(200, answer.status(), answer::toString);
                assertEquals("144", answer.text("result"));
                assertEquals("upload", answer.json().path("check").path("reference").asText());
            }
        }
    }

    /** A crash mid-upload: the half-written module is never served, the sound upload beside it is. */
    @Test
    void aHalfWrittenUploadIsNotServedAfterACrash() throws Exception {
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            assertEquals(201, client.put("functions/sq", ScriptedDeployer.module("square")).status());
        }
        byte[] cube = ScriptedDeployer.module("cube");
        Files.write(store.resolve(".half.wasm.77.tmp"), new byte[] {0, 'a', 's'});
        Files.write(store.resolve("half." + FunctionArtifact.sha256(cube) + ".wasm"), cube);
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            assertEquals(List.of("sq"), ids(client.get("functions").json().path("uploads"), "id"));
            assertEquals(400, client.post("invoke/wasm-a/half?n=2").status());
            assertEquals(200, client.post("invoke/wasm-a/sq?n=2").status());
        }
        assertEquals(3, storeFiles().size(), storeFiles()::toString); // sq's manifest and module, and broken/
        assertTrue(Files.isDirectory(store.resolve(FunctionStore.BROKEN)));
    }

    @Test
    void aBinaryIs403WithoutAllowNative() throws Exception {
        try (NebulaServer server = start(); ServerClient client = new ServerClient(server)) {
            assertEquals(201, client.put("functions/sq", ScriptedDeployer.module("square")).status());
            ServerClient.Answer answer = client.put("functions/sq/binary", ScriptedDeployer.binary("square"));
            assertError(answer, 403, "native-disabled", null);
            assertTrue(answer.text("message").contains("Start it with --allow-native"), answer::toString);
            assertEquals(2, storeFiles().size(), storeFiles()::toString);
        }
    }

    /** With --allow-native a binary runs on the container runtimes only, and only if it answers the check as the module did. */
    @Test
    void withAllowNativeABinaryThatAgreesRunsInContainersOnly() throws Exception {
        try (NebulaServer server = start(UploadOptions.defaults().withStore(store).withAllowNative(true));
             ServerClient client = new ServerClient(server)) {
            assertError(client.put("functions/sq/binary", ScriptedDeployer.binary("square")), 404, "not-found", null);
            assertEquals(201, client.put("functions/sq?check=3", ScriptedDeployer.module("square")).status());
            assertError(client.put("functions/sq/binary", ScriptedDeployer.binary("cube")), 422, "wrong-answer",
                    "the binary answers '27' for n=3 on container-x, the module answered '9'");
            assertError(client.put("functions/sq/binary", ScriptedDeployer.module("square")), 422, "invalid-binary", "not an ELF executable");
            ServerClient.Answer binary = client.put("functions/sq/binary", ScriptedDeployer.binary("square"));
            assertEquals(200, binary.status(), binary::toString);
            assertEquals(FunctionArtifact.sha256(ScriptedDeployer.binary("square")), binary.json().path("binary").path("sha256").asText());
            assertEquals(List.of("container-x", "wasm-a", "wasm-b"), ids(binary.json().path("runtimes")));
            ServerClient.Answer answer = client.post("invoke/container-x/sq?n=3&start=warm");
            assertEquals(200, answer.status(), answer::toString);
            assertEquals("9", answer.text("result"));
        }
    }

    private static void assertError(ServerClient.Answer answer, int status, String kind, String message) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals(kind, answer.text("error"), answer::toString);
        if (message != null) {
            assertEquals(message, answer.text("message"));
        }
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(entry -> ids.add(entry.path(field).asText()));
        return ids;
    }

    private List<String> storeFiles() throws IOException {
        if (!Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(store)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
