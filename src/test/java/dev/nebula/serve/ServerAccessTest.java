package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import dev.nebula.runtime.FunctionHost;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Who may ask: loopback Host names only, no cross-site state change, and a bearer token when the server has one. */
class ServerAccessTest {
    private static final String TOKEN = "s3cret-token-of-32-characters-xx";
    private final AtomicInteger invocations = new AtomicInteger();

    private NebulaServer start(Access access) throws Exception {
        ScriptedRuntime counting = new ScriptedRuntime("counting", (fn, n) -> {
            invocations.incrementAndGet();
            return fn.reference(n);
        });
        Map<String, Supplier<FunctionHost>> runtimes = Map.of("counting", () -> counting);
        return NebulaServer.start(ServeOptions.defaults().withPort(0).withAccess(access), runtimes);
    }

    @Test
    void aForeignHostIs403AndRunsNothing() throws Exception {
        try (NebulaServer server = start(Access.loopback())) {
            int port = server.port();
            assertEquals(403, RawHttp.status(port, "POST /invoke/counting/fib?n=5 HTTP/1.1\r\nHost: evil.example\r\n"));
            assertEquals(403, RawHttp.status(port, "GET /health HTTP/1.1\r\nHost: evil.example:" + port + "\r\n"));
            assertEquals(403, RawHttp.status(port, "GET /runtimes HTTP/1.0\r\n"));
            assertEquals(0, invocations.get());
            assertEquals(200, RawHttp.status(port, "POST /invoke/counting/fib?n=5 HTTP/1.1\r\nHost: localhost:" + port + "\r\n"));
            assertEquals(200, RawHttp.status(port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"));
            assertEquals(200, RawHttp.status(port, "GET /health HTTP/1.1\r\nHost: [::1]:" + port + "\r\n"));
            assertEquals(1, invocations.get());
        }
    }

    @Test
    void aHostNameGivenAtStartPasses() throws Exception {
        try (NebulaServer server = start(new Access(InetAddress.getLoopbackAddress(), List.of(" Nebula.Lan "), null))) {
            assertEquals(200, RawHttp.status(server.port(), "GET /health HTTP/1.1\r\nHost: nebula.lan:" + server.port() + "\r\n"));
            assertEquals(403, RawHttp.status(server.port(), "GET /health HTTP/1.1\r\nHost: other.lan\r\n"));
        }
    }

    @Test
    void aCrossSiteOriginIs403AndRunsNothingWhileTheServersOwnPagePasses() throws Exception {
        try (NebulaServer server = start(Access.loopback()); ServerClient client = new ServerClient(server)) {
            String invoke = "invoke/counting/fib?n=5";
            ServerClient.Answer crossSite = client.send(HttpRequest.newBuilder(server.uri().resolve(invoke))
                    .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(403, crossSite.status(), crossSite::toString);
            assertEquals("cross-site", crossSite.text("error"));
            ServerClient.Answer fetchSite = client.send(HttpRequest.newBuilder(server.uri().resolve(invoke))
                    .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(403, fetchSite.status(), fetchSite::toString);
            // Another port on the same machine is another origin.
            ServerClient.Answer otherPort = client.send(HttpRequest.newBuilder(server.uri().resolve(invoke))
                    .header("Origin", "http://127.0.0.1:1").POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(403, otherPort.status(), otherPort::toString);
            assertEquals(0, invocations.get());
            ServerClient.Answer own = client.send(HttpRequest.newBuilder(server.uri().resolve(invoke))
                    .header("Origin", "http://127.0.0.1:" + server.port()).header("Sec-Fetch-Site", "same-origin")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, own.status(), own::toString);
            assertEquals(200, client.post(invoke).status(), "a client without Origin (curl) passes");
            assertEquals(2, invocations.get());
        }
    }

    @Test
    void withATokenEveryRequestNeedsIt() throws Exception {
        try (NebulaServer server = start(new Access(InetAddress.getLoopbackAddress(), List.of(), TOKEN));
             ServerClient client = new ServerClient(server)) {
            ServerClient.Answer none = client.post("invoke/counting/fib?n=5");
            assertEquals(401, none.status(), none::toString);
            assertEquals("Bearer", none.response().headers().firstValue("WWW-Authenticate").orElseThrow());
            assertEquals(401, client.send(HttpRequest.newBuilder(server.uri().resolve("health"))
                    .header("Authorization", "Bearer " + TOKEN.substring(1)).GET()).status());
            assertEquals(0, invocations.get());
            ServerClient.Answer right = client.send(HttpRequest.newBuilder(server.uri().resolve("invoke/counting/fib?n=5"))
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, right.status(), right::toString);
        }
    }

    @Test
    void boundBeyondLoopbackItNeedsATokenToStartAndThenOnEveryRequest() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> new Access(any, List.of(), null));
        assertTrue(refused.getMessage().contains("--token-file"), refused.getMessage());
        try (NebulaServer server = start(new Access(any, List.of(), TOKEN)); ServerClient client = new ServerClient(server)) {
            assertEquals(401, client.get("health").status());
            assertEquals(200, client.send(HttpRequest.newBuilder(server.uri().resolve("health"))
                    .header("Authorization", "Bearer " + TOKEN).GET()).status());
        }
    }
}
