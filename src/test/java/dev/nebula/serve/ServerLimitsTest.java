package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.runtime.FunctionHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What one client may take from the server: body and header sizes, slow or idle connections, and their number. */
class ServerLimitsTest {
    private static final int MIB = 1 << 20;
    private static final byte[] PARTIAL_HEAD = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

    private static NebulaServer start(HttpLimits limits) throws IOException {
        ScriptedRuntime right = new ScriptedRuntime("right", (fn, n) -> fn.reference(n));
        Map<String, Supplier<FunctionHost>> runtimes = Map.of("right", () -> right);
        return NebulaServer.start(ServeOptions.defaults().withPort(0).withHttp(limits), runtimes);
    }

    @Test
    void a64MegabyteBodyIs413AndTheServerStaysHealthy() throws Exception {
        try (NebulaServer server = start(HttpLimits.defaults()); ServerClient client = new ServerClient(server)) {
            String declared = "POST /invoke/right/fib?n=5 HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + 64 * MIB + "\r\n\r\n";
            assertEquals(413, statusWhileSending(server.port(), declared, false));
            String chunked = "POST /invoke/right/fib?n=5 HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n";
            assertEquals(413, statusWhileSending(server.port(), chunked, true));
            assertEquals(200, client.get("health").status());
            assertEquals("5", client.post("invoke/right/fib?n=5").text("result"));
            // Below the limit a body is read and the request answered as before.
            ServerClient.Answer small = client.send(HttpRequest.newBuilder(server.uri().resolve("invoke/right/fib?n=5"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024])));
            assertEquals(200, small.status(), small::toString);
        }
    }

    /** Sends the head, then streams 64 MiB of body from another thread while the answer is read. */
    private static int statusWhileSending(int port, String head, boolean chunked) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            Thread sender = Thread.ofVirtual().start(() -> {
                byte[] block = new byte[64 * 1024];
                try {
                    for (int sent = 0; sent < 64 * MIB; sent += block.length) {
                        if (chunked) {
                            out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(block);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                } catch (IOException e) {
                    // The server refused the rest and closed: expected.
                }
            });
            int status = RawHttp.statusLine(RawHttp.head(socket.getInputStream()));
            sender.interrupt();
            return status;
        }
    }

    @Test
    void a20KilobyteHeaderIs431InTheJsonErrorShape() throws Exception {
        try (NebulaServer server = start(HttpLimits.defaults()); ServerClient client = new ServerClient(server)) {
            ServerClient.Answer answer = client.send(HttpRequest.newBuilder(server.uri().resolve("health"))
                    .header("X-Big", "x".repeat(20 * 1024)).GET());
            assertEquals(431, answer.status(), answer::toString);
            assertEquals("headers-too-large", answer.text("error"));
            assertEquals(200, client.get("health").status());
        }
    }

    @Test
    void aConnectionDribblingItsHeadersIsClosedAfterTheHeaderTimeoutButAnIdleKeepAliveOneIsNot() throws Exception {
        HttpLimits limits = HttpLimits.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(30));
        try (NebulaServer server = start(limits);
             Socket keepAlive = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            keepAlive.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(RawHttp.response(keepAlive.getInputStream()).startsWith("HTTP/1.1 200"));
            long started = System.nanoTime();
            Socket dribbler = new Socket(InetAddress.getLoopbackAddress(), server.port());
            OutputStream out = dribbler.getOutputStream();
            out.write(PARTIAL_HEAD);
            boolean closed = false;
            // One byte every 100 ms: Jetty's idle timeout alone would never end this.
            while (!closed && System.nanoTime() - started < Duration.ofSeconds(5).toNanos()) {
                try {
                    out.write('x');
                    out.flush();
                    dribbler.setSoTimeout(100);
                    closed = dribbler.getInputStream().read() < 0;
                } catch (java.net.SocketTimeoutException e) {
                    // still open
                } catch (SocketException e) {
                    closed = true;
                }
            }
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            dribbler.close();
            assertTrue(closed, "the dribbler was still open after 5 s");
            assertTrue(tookMs >= 400, "closed after " + tookMs + " ms, before the header timeout");
            // The keep-alive connection sat idle as long, and still serves.
            keepAlive.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(RawHttp.response(keepAlive.getInputStream()).startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void with5000PartialHeaderConnectionsHeldHealthAnswersWithinOneSecond() throws Exception {
        HttpLimits limits = HttpLimits.defaults().withTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(120));
        // Client and server side share this JVM's file descriptors: where the limit is below 11,000, hold what fits.
        long fds = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        int held = (int) Math.min(5_000, (fds - 1_000) / 2);
        List<SocketChannel> attackers = new ArrayList<>();
        try (NebulaServer server = start(limits); ServerClient client = new ServerClient(server)) {
            // The first request of a fresh server loads its classes: not what this test is about.
            assertEquals(200, client.get("health").status());
            try {
                for (int i = 0; i < held; i++) {
                    SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
                    attackers.add(channel);
                    channel.write(ByteBuffer.wrap(PARTIAL_HEAD));
                }
                awaitOpenConnections(server, held);
                for (int probe = 0; probe < 10; probe++) {
                    long started = System.nanoTime();
                    assertEquals(200, client.get("health").status());
                    long tookMs = (System.nanoTime() - started) / 1_000_000;
                    assertTrue(tookMs < 1_000, "/health took " + tookMs + " ms with " + held + " connections held");
                }
                assertTrue(server.openConnections() >= held, server.openConnections() + " open");
            } finally {
                for (SocketChannel channel : attackers) {
                    channel.close();
                }
            }
        }
    }

    @Test
    void theConnectionCapHoldsAndTheHeaderTimeoutMakesRoomForARealRequest() throws Exception {
        int cap = 20;
        HttpLimits limits = HttpLimits.defaults().withTimeouts(Duration.ofMillis(1_000), Duration.ofSeconds(30)).withMaxConnections(cap);
        List<Socket> attackers = new ArrayList<>();
        try (NebulaServer server = start(limits)) {
            try {
                for (int i = 0; i < 2 * cap; i++) {
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    attackers.add(socket);
                    socket.getOutputStream().write(PARTIAL_HEAD);
                }
                Thread.sleep(300);
                assertTrue(server.openConnections() <= cap, server.openConnections() + " open, the cap is " + cap);
                // A real request waits in the accept queue until the header timeout closes the slow ones.
                try (Socket real = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    real.setSoTimeout(10_000);
                    real.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    InputStream in = real.getInputStream();
                    assertTrue(RawHttp.head(in).startsWith("HTTP/1.1 200"));
                }
                assertTrue(server.openConnections() <= cap, server.openConnections() + " open, the cap is " + cap);
            } finally {
                for (Socket socket : attackers) {
                    socket.close();
                }
            }
        }
    }

    private static void awaitOpenConnections(NebulaServer server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.openConnections() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
