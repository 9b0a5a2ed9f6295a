package dev.nebula.serve;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Closes a connection that takes longer than the header timeout to send a request's line and headers. Jetty's idle
 * timeout starts again on every byte, so a client that sends one byte a second would hold its connection for ever.
 * Built on Jetty's public API only: the connections' byte counts, and {@link Routes} saying when a request is in hand.
 *
 * <p>A connection is waiting for a head from its opening, and again from the first byte after a request ended; a
 * silent keep-alive connection is left to the idle timeout.
 */
final class HeaderDeadline implements AutoCloseable {
    /** One connection as the sweeper last saw it. */
    private static final class Watch {
        volatile boolean inRequest;
        /** The bytes received when its last request ended: more than this means a new head is arriving. */
        volatile long bytesAtRest = -1;
        /** When the head it is waiting for began (epoch ms); 0 while nothing arrives. */
        volatile long waitingSince;

        Watch(long openedAt) {
            this.waitingSince = openedAt;
        }
    }

    private final ServerConnector connector;
    private final long timeoutMs;
    private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("nebula-header-deadline").daemon(true).factory());

    HeaderDeadline(ServerConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeoutMs = timeout.toMillis();
    }

    void start() {
        long tick = Math.clamp(timeoutMs / 4, 10, 250);
        sweeper.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** A request's head arrived and a handler has it: no deadline until it ends. */
    void requestStarted(Connection connection) {
        watches.computeIfAbsent(connection, c -> new Watch(0)).inRequest = true;
    }

    void requestEnded(Connection connection) {
        Watch watch = watches.get(connection);
        if (watch != null) {
            watch.bytesAtRest = connection.getBytesIn();
            watch.waitingSince = 0;
            watch.inRequest = false;
        }
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        Set<Connection> live = new HashSet<>();
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            Connection connection = endPoint.getConnection();
            if (connection == null) {
                continue;
            }
            live.add(connection);
            Watch watch = watches.computeIfAbsent(connection, c -> new Watch(endPoint.getCreatedTimeStamp()));
            if (watch.inRequest) {
                continue;
            }
            if (connection.getBytesIn() <= watch.bytesAtRest) {
                watch.waitingSince = 0;
            } else if (watch.waitingSince == 0) {
                watch.waitingSince = now;
            } else if (now - watch.waitingSince > timeoutMs) {
                endPoint.close();
            }
        }
        watches.keySet().retainAll(live);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
