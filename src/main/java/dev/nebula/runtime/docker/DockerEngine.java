package dev.nebula.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.nebula.NebulaException;
import dev.nebula.RuntimeUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Docker engine, reached through docker-java's public API: the image and container operations the runtimes
 * need, and every failure translated into a message that says what to do. Every container it creates carries the
 * labels of {@link ContainerJanitor}, which removes what a JVM leaves behind.
 */
final class DockerEngine {
    static final String UP_COMMAND = "bash scripts/docker-up.sh";
    static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Map<URI, DockerEngine> ENGINES = new ConcurrentHashMap<>();

    private final URI host;
    private final DockerClient client;
    /** Containers made here and not removed yet. */
    private final Set<String> containers = ConcurrentHashMap.newKeySet();

    private DockerEngine(URI host) {
        this.host = host;
        this.client = newClient(host);
    }

    /**
     * A plain docker-java client on the transport Testcontainers uses (zerodep, unix socket). No API version: the engine
     * speaks its own. No registry credentials: Nebula never pulls.
     */
    private static DockerClient newClient(URI host) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host.toString()).build();
        ZerodepDockerHttpClient transport = new ZerodepDockerHttpClient.Builder()
                .dockerHost(host)
                .connectionTimeout(CONNECT_TIMEOUT)
                .build();
        return DockerClientImpl.getInstance(config, transport);
    }

    /** The engine on this machine: DOCKER_HOST when it names a unix socket, else /var/run/docker.sock. */
    static DockerEngine local() {
        String configured = System.getenv("DOCKER_HOST");
        if (configured == null || configured.isBlank()) {
            return at(DEFAULT_HOST);
        }
        URI host = URI.create(configured.strip());
        if (!"unix".equals(host.getScheme())) {
            throw new RuntimeUnavailableException("DOCKER_HOST=" + configured + " is not a unix socket; Nebula's containers"
                    + " need an engine on this machine (they bind-mount a local directory). Unset DOCKER_HOST, or point it"
                    + " at a local socket, e.g. " + DEFAULT_HOST);
        }
        return at(host);
    }

    /** The engine listening at a unix socket (tests put a proxy in between). */
    static DockerEngine at(URI host) {
        return ENGINES.computeIfAbsent(host, DockerEngine::new);
    }

    DockerClient client() {
        return client;
    }

    /** Fails fast, with the command that starts an engine, when none answers here. */
    void requireAnswering() {
        String problem = pingProblem();
        if (problem != null) {
            throw new RuntimeUnavailableException("no Docker engine answers at " + host + " (" + problem + "); start one with: " + UP_COMMAND);
        }
    }

    /** Null when the engine answers a ping in time, else what went wrong. */
    private String pingProblem() {
        CompletableFuture<Void> ping = CompletableFuture.runAsync(() -> client.pingCmd().exec());
        try {
            ping.get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            ping.cancel(true);
            return "no answer within " + PING_TIMEOUT.toSeconds() + " s";
        } catch (ExecutionException e) {
            return rootMessage(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * What a failed engine call means for the user: an engine that stopped answering is a
     * {@link RuntimeUnavailableException} naming the command that starts it again.
     */
    private RuntimeException failure(String during, RuntimeException e) {
        if (e instanceof NebulaException) {
            return e;
        }
        String problem = pingProblem();
        if (problem != null) {
            return new RuntimeUnavailableException("the Docker engine at " + host + " stopped answering while " + during
                    + " (" + rootMessage(e) + "; ping: " + problem + "); start it again with: " + UP_COMMAND, e);
        }
        return new NebulaException("Docker failed while " + during + ": " + rootMessage(e), e);
    }

    boolean imageExists(String image) {
        return imageId(image) != null;
    }

    /** The image's id, or null when the engine does not have it. Never pulls. */
    String imageId(String image) {
        try {
            return client.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return null;
        } catch (RuntimeException e) {
            throw failure("inspecting image " + image, e);
        }
    }

    /**
     * Builds an image from a tar build context, with pull off (no refresh of a base it has). The engine would still
     * fetch a base it lacks: the caller checks that a local base exists first ({@link NebulaImage#requireInputs}).
     */
    void buildImage(String tag, InputStream context) {
        try {
            client.buildImageCmd(context).withTags(Set.of(tag)).withPull(false).exec(new BuildImageResultCallback()).awaitImageId();
        } catch (RuntimeException e) {
            throw failure("building image " + tag, e);
        }
    }

    /** Creates a container from a command whose host config is set, labelled for {@link ContainerJanitor}; remembers it. */
    String create(CreateContainerCmd command) {
        try {
            String id = command.withLabels(ContainerJanitor.labelsFor(this)).exec().getId();
            containers.add(id);
            return id;
        } catch (RuntimeException e) {
            throw failure("creating a container from " + command.getImage(), e);
        }
    }

    void start(String id) {
        try {
            client.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            throw failure("starting container " + shortId(id), e);
        }
    }

    /** Waits for the container to exit (docker-java's wait, no polling): its exit code, or null after {@code timeout}. */
    Integer awaitExit(String id, Duration timeout) {
        WaitContainerResultCallback callback = client.waitContainerCmd(id).exec(new WaitContainerResultCallback());
        try (callback) {
            if (!callback.awaitCompletion(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return null;
            }
            return callback.awaitStatusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NebulaException("interrupted while waiting for container " + shortId(id), e);
        } catch (IOException e) {
            return null;
        } catch (RuntimeException e) {
            throw failure("waiting for container " + shortId(id), e);
        }
    }

    /** A stopped container's whole stdout and stderr. */
    Output logs(String id) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).writeBytes(frame.getPayload());
            }
        };
        try {
            client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false).exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NebulaException("interrupted while reading the output of container " + shortId(id), e);
        } catch (RuntimeException e) {
            throw failure("reading the output of container " + shortId(id), e);
        }
        return new Output(stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    /** Whether the container is still running; false once it has exited or is gone. */
    boolean isRunning(String id) {
        try {
            return Boolean.TRUE.equals(client.inspectContainerCmd(id).exec().getState().getRunning());
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw failure("inspecting container " + shortId(id), e);
        }
    }

    /** Kills (if running) and removes the container; a container already gone is fine. */
    void remove(String id) {
        try {
            forceRemove(id);
        } catch (RuntimeException e) {
            throw failure("removing container " + shortId(id), e);
        }
    }

    /** {@link #remove}s a container after {@code failure}, which keeps any failure of the removal as suppressed. */
    void removeAfter(RuntimeException failure, String id) {
        try {
            remove(id);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The one removal: kill and remove, volumes too; gone already is fine. Docker-java's own exceptions, untranslated. */
    void forceRemove(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Already gone: what we wanted.
        }
        containers.remove(id);
    }

    /** Every container with a Nebula label on this engine, from any JVM, running or not. */
    List<Container> nebulaContainers() {
        try {
            return client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(ContainerJanitor.SESSION_LABEL)).exec();
        } catch (RuntimeException e) {
            throw failure("listing Nebula containers", e);
        }
    }

    /** The containers this engine made that are not removed yet. */
    Set<String> tracked() {
        return Set.copyOf(containers);
    }

    @Override
    public String toString() {
        return host.toString();
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
    }

    /** A container's captured output. */
    record Output(String stdout, String stderr) {}
}
