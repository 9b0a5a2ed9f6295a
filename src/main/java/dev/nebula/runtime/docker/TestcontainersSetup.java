package dev.nebula.runtime.docker;

import dev.nebula.RuntimeUnavailableException;
import java.lang.reflect.Field;
import org.testcontainers.DockerClientFactory;

/**
 * Makes Testcontainers use Nebula's engine without any environment variable, so that {@code java -jar
 * target/benchmarks.jar} works as it is. Left to itself, Testcontainers' first client discovers its environment: it
 * starts the Ryuk reaper container unless TESTCONTAINERS_RYUK_DISABLED=true (a pull of testcontainers/ryuk), and
 * inside a container (/.dockerenv) without TESTCONTAINERS_HOST_OVERRIDE it inspects the bridge network, which
 * {@code dockerd --bridge=none} does not have. Both are read from the process environment only, which a JVM cannot
 * change. So Nebula hands Testcontainers its own docker-java client for the local engine before anything asks for
 * one: Testcontainers then uses it as is and runs none of that discovery. Nebula uses Testcontainers only to build
 * images ({@code ImageFromDockerfile}, without deletion on exit), which needs nothing else.
 */
final class TestcontainersSetup {
    static final String ENVIRONMENT = "TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CHECKS_DISABLE=true"
            + " TESTCONTAINERS_HOST_OVERRIDE=localhost";

    private TestcontainersSetup() {}

    /** Gives Testcontainers {@code engine}'s client unless it already has a working one. */
    static synchronized void useEngine(DockerEngine engine) {
        DockerClientFactory factory = DockerClientFactory.instance();
        try {
            Field failure = DockerClientFactory.class.getDeclaredField("cachedClientFailure");
            Field client = DockerClientFactory.class.getDeclaredField("client");
            failure.setAccessible(true);
            client.setAccessible(true);
            Object earlierFailure = failure.get(factory);
            if (earlierFailure != null) {
                throw new RuntimeUnavailableException("Testcontainers already failed to set itself up in this JVM ("
                        + DockerEngine.rootMessage((Throwable) earlierFailure) + "); run with " + ENVIRONMENT, (Throwable) earlierFailure);
            }
            if (client.get(factory) == null) {
                client.set(factory, engine.client());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof RuntimeUnavailableException unavailable) {
                throw unavailable;
            }
            throw new RuntimeUnavailableException("cannot hand Nebula's Docker client to this version of Testcontainers ("
                    + DockerEngine.rootMessage(e) + "); run with " + ENVIRONMENT, e);
        }
    }
}
