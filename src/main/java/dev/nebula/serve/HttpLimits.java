package dev.nebula.serve;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * What one connection or request may take from the server before it is refused or closed.
 *
 * @param maxBodyBytes   the largest request body an endpoint takes unless it declares its own limit (413 above)
 * @param maxHeaderBytes the request line and headers together (431 above; 414 for the request line alone)
 * @param headerTimeout  from a connection's first byte of a request to its last header byte; slower is closed
 * @param idleTimeout    a connection with no byte in either direction this long is closed
 * @param maxConnections open connections at once; more wait in the kernel's accept queue
 */
public record HttpLimits(long maxBodyBytes, int maxHeaderBytes, Duration headerTimeout, Duration idleTimeout,
                         int maxConnections) {
    static final OptionRange MAX_BODY = new OptionRange("--max-body", 0, 1L << 30);
    static final OptionRange MAX_HEADER = new OptionRange("--max-header", 1_024, 65_536);
    static final OptionRange HEADER_TIMEOUT_MS = new OptionRange("--header-timeout-ms", 100, 600_000);
    static final OptionRange IDLE_TIMEOUT_MS = new OptionRange("--idle-timeout-ms", 100, 3_600_000);
    /** File descriptors the rest of the server keeps free for: jars, runtimes' processes, containers' sockets. */
    static final int FD_RESERVE = 256;

    public HttpLimits {
        MAX_BODY.require(maxBodyBytes);
        MAX_HEADER.require(maxHeaderBytes);
        HEADER_TIMEOUT_MS.require(headerTimeout.toMillis());
        IDLE_TIMEOUT_MS.require(idleTimeout.toMillis());
        maxConnectionsRange().require(maxConnections);
    }

    public static HttpLimits defaults() {
        return new HttpLimits(1 << 20, 8 << 10, Duration.ofSeconds(5), Duration.ofSeconds(30), defaultMaxConnections());
    }

    /** 10,000 (above any flood seen here) or half the process's file descriptors, whichever is lower. */
    static int defaultMaxConnections() {
        return (int) Math.min(10_000, fileDescriptorLimit() / 2);
    }

    /** Each connection holds a file descriptor: the cap stays below the process's limit so the server can still work. */
    static OptionRange maxConnectionsRange() {
        return new OptionRange("--max-connections", 1, Math.max(1, fileDescriptorLimit() - FD_RESERVE));
    }

    private static long fileDescriptorLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : 20_000;
    }

    public HttpLimits withTimeouts(Duration newHeaderTimeout, Duration newIdleTimeout) {
        return new HttpLimits(maxBodyBytes, maxHeaderBytes, newHeaderTimeout, newIdleTimeout, maxConnections);
    }

    public HttpLimits withMaxConnections(int newMaxConnections) {
        return new HttpLimits(maxBodyBytes, maxHeaderBytes, headerTimeout, idleTimeout, newMaxConnections);
    }
}
