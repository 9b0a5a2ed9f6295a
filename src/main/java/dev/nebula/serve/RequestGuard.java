package dev.nebula.serve;

import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a request before any route sees it when it comes from where it should not:
 * <ul>
 *   <li>a {@code Host} that is not a loopback name, the bound address or a {@code --host-name}: 403. A page on a
 *       name that a DNS rebinding points at 127.0.0.1 still carries its own name here.</li>
 *   <li>no or a wrong bearer token when the server has one: 401.</li>
 *   <li>a state-changing request (anything but GET and HEAD) from another site's page: its {@code Origin} is not this
 *       server, or the browser says {@code Sec-Fetch-Site: cross-site}: 403. Clients without an Origin (curl, the
 *       load generator) pass.</li>
 * </ul>
 */
final class RequestGuard {
    private final Set<String> hosts = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
    private final byte[] token;

    RequestGuard(Access access) {
        hosts.addAll(access.hostNames());
        if (!access.bind().isAnyLocalAddress() && !access.bind().isLoopbackAddress()) {
            String address = access.bind().getHostAddress();
            hosts.add(access.bind() instanceof Inet6Address ? "[" + address + "]" : address);
        }
        this.token = access.token() == null ? null : ("Bearer " + access.token()).getBytes(StandardCharsets.UTF_8);
    }

    /** Why this request is refused, or empty when it may go on. */
    Optional<Failure> refusal(Exchange exchange) {
        String host = exchange.header("Host");
        if (host == null || !hosts.contains(hostName(host))) {
            return Optional.of(new Failure(403, "forbidden-host", "Host '" + Echo.of(String.valueOf(host))
                    + "' is not a name of this server; allowed: " + String.join(", ", hosts.stream().sorted().toList())
                    + " (add one with --host-name)"));
        }
        if (token != null) {
            String authorization = exchange.header("Authorization");
            if (authorization == null || !MessageDigest.isEqual(token, authorization.getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(new Failure(401, "unauthorized", "this server needs 'Authorization: Bearer <token>',"
                        + " the content of its --token-file"));
            }
        }
        String method = exchange.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            String origin = exchange.header("Origin");
            boolean crossSite = "cross-site".equalsIgnoreCase(exchange.header("Sec-Fetch-Site"));
            if (crossSite || (origin != null && !origin.equalsIgnoreCase("http://" + host.strip()))) {
                return Optional.of(new Failure(403, "cross-site", method + " from another site's page ("
                        + Echo.of(origin == null ? "Sec-Fetch-Site: cross-site" : "Origin " + origin)
                        + ") is refused: only this server's own page may change anything"));
            }
        }
        return Optional.empty();
    }

    /** The name in a Host header, without its port, lower case: {@code [::1]:8080} is {@code [::1]}. */
    private static String hostName(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf(']') ? name.substring(0, colon) : name;
    }
}
