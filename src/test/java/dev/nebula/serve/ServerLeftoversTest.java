package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nebula.Need;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** After close, the runtimes that hold something outside the JVM hold nothing: no child process, no container. */
class ServerLeftoversTest {

    @Test
    @Tag(Need.NATIVE)
    void closeLeavesNoChildProcessOfTheProcessRuntime() throws Exception {
        try (NebulaServer server = NebulaServer.start(ServeOptions.defaults().withPort(0));
             ServerClient client = new ServerClient(server)) {
            invokeConcurrently(client, "process", 6);
            // The positive control: warm `nebula serve` processes are running now.
            assertFalse(liveChildren().isEmpty(), "the warm pool should hold processes before close");
        }
        assertEquals(List.of(), liveChildren());
    }

    @Test
    @Tag(Need.DOCKER)
    @Tag(Need.NATIVE)
    void closeLeavesNoContainerOfTheDockerRuntime() throws Exception {
        try (NebulaServer server = NebulaServer.start(ServeOptions.defaults().withPort(0));
             ServerClient client = new ServerClient(server)) {
            invokeConcurrently(client, "docker", 2);
            assertFalse(ourContainers().isEmpty(), "the warm pool should hold containers before close");
        }
        assertEquals("", ourContainers());
    }

    /** Warm requests from {@code parallel} clients at once (so the pool starts several instances), and one cold. */
    private static void invokeConcurrently(ServerClient client, String runtime, int parallel) throws Exception {
        List<CompletableFuture<ServerClient.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> client.post("invoke/" + runtime + "/fib?n=90&start=warm")));
        }
        answers.add(CompletableFuture.supplyAsync(() -> client.post("invoke/" + runtime + "/fib?n=90&start=cold")));
        for (CompletableFuture<ServerClient.Answer> answer : answers) {
            ServerClient.Answer done = answer.get(120, TimeUnit.SECONDS);
            assertEquals(200, done.status(), done::toString);
            assertEquals("2880067194370816120", done.text("result"));
        }
    }

    private static List<String> liveChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(process -> process.pid() + " " + process.info().commandLine().orElse("?")).toList();
    }

    /** The ids of every container, running or not, that this JVM labelled as its own. */
    private static String ourContainers() throws IOException, InterruptedException {
        Process docker = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "label=dev.nebula.pid=" + ProcessHandle.current().pid())
                .redirectErrorStream(true).start();
        String ids = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, docker.waitFor(), ids);
        return ids;
    }
}
