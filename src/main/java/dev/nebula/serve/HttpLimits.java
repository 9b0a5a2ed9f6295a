package dev.nebula.serve;

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

    public static HttpLimits defaults() {
        return new HttpLimits(1 << 20, 8 << 10, Duration.ofSeconds(5), Duration.ofSeconds(30), 10_000);
    }
}
