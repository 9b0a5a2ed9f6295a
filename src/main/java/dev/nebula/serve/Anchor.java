package dev.nebula.serve;

import java.nio.charset.StandardCharsets;

/**
 * {@code POST /anchor}: answers a constant through the same server stack as an invoke (Jetty, the Host/Origin/token
 * guard, routing, the body limit, a JSON answer) but runs nothing. The load benchmark measures it beside the runtimes,
 * so a warm request's time splits into the platform's share and the runtime's.
 */
public final class Anchor {
    public static final String PATH = "anchor";
    /** What its answer's {@code result} always is. */
    public static final String RESULT = "anchor";
    static final byte[] ANSWER = ("{\"runtime\":\"anchor\",\"result\":\"" + RESULT + "\"}").getBytes(StandardCharsets.UTF_8);

    private Anchor() {}
}
