package dev.nebula.runtime.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A unix-socket proxy in front of the real engine, so a test can make "the engine" stop answering mid-run without
 * stopping the machine's engine: {@link #stop()} closes every connection and refuses new ones.
 */
final class EngineProxy implements AutoCloseable {
    private final Path directory;
    private final Path socket;
    private final Path target;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> channels = ConcurrentHashMap.newKeySet();

    private EngineProxy(Path target) throws IOException {
        this.target = target;
        this.directory = Files.createTempDirectory("nebula-engine-proxy");
        this.socket = directory.resolve("docker.sock");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().name("engine-proxy").start(this::acceptLoop);
    }

    static EngineProxy start(URI engine) throws IOException {
        return new EngineProxy(Path.of(engine.getPath()));
    }

    URI uri() {
        return URI.create("unix://" + socket);
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(target));
                channels.add(client);
                channels.add(engine);
                Thread.ofPlatform().daemon().start(() -> pump(client, engine));
                Thread.ofPlatform().daemon().start(() -> pump(engine, client));
            }
        } catch (IOException e) {
            // Stopped.
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed: the other pump ends too.
        }
    }

    /** The engine "stops": every connection drops, and no new one is accepted. */
    void stop() throws IOException {
        server.close();
        for (SocketChannel channel : channels) {
            channel.close();
        }
        Files.deleteIfExists(socket);
    }

    @Override
    public void close() throws IOException {
        stop();
        Files.deleteIfExists(directory);
    }
}
