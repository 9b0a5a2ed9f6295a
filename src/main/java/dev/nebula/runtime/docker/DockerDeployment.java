package dev.nebula.runtime.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import dev.nebula.InvocationTimeoutException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.OpenInstances;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.ColdPhases;
import java.time.Duration;

/** A built image, ready for one-shot containers (cold) and {@code serve} containers (warm). */
final class DockerDeployment implements Deployment {
    /** No network at all: the one-shot needs none, and the warm channel is a socket in a bind mount. */
    static final String NETWORK_NONE = "none";

    private final DockerEngine engine;
    private final String image;
    private final Duration timeout;
    private final Duration startTimeout;
    private final OpenInstances<WarmContainer> instances = new OpenInstances<>();

    DockerDeployment(DockerEngine engine, String image, Duration timeout, Duration startTimeout) {
        this.engine = engine;
        this.image = image;
        this.timeout = timeout;
        this.startTimeout = startTimeout;
    }

    @Override
    public FunctionInstance start() {
        return instances.add(new WarmContainer(engine, image, timeout, startTimeout, instances::closed));
    }

    /**
     * One {@code docker run}-equivalent: create, start, wait for the exit (docker-java's wait, not a polling
     * startup check), read the output, remove. Records the phases of {@link ColdPhases}; a failed run records none.
     */
    @Override
    public long coldInvoke(CatalogFunction function, long n, Phases phases) {
        CreateContainerCmd command = engine.client().createContainerCmd(image)
                .withCmd(CliProtocol.oneShotArguments(function, n))
                .withEnv(CliProtocol.TIMESTAMPS_ENV + "=1")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(NETWORK_NONE));
        phases.begin();
        String id = engine.create(command);
        long created = System.nanoTime();
        phases.markAt(ColdPhases.CREATE, created);
        long result;
        try {
            engine.start(id);
            Integer exitCode = engine.awaitExit(id, timeout);
            if (exitCode == null) {
                throw new InvocationTimeoutException("container " + DockerEngine.shortId(id) + " (" + function.id() + " " + n + ")", timeout);
            }
            DockerEngine.Output output = engine.logs(id);
            long exited = System.nanoTime();
            CliProtocol.OneShot oneShot = CliProtocol.parseOneShot(function, n, exitCode, output.stdout(), output.stderr());
            ColdPhases.markRun(phases, oneShot.timestamps(), created, exited);
            result = oneShot.bits();
        } catch (RuntimeException e) {
            phases.begin();
            engine.removeAfter(e, id);
            throw e;
        }
        engine.remove(id);
        phases.mark(ColdPhases.REMOVE);
        return result;
    }

    /** Removes every warm container started here; the image stays, so that the next deploy of this binary is instant. */
    @Override
    public void close() {
        instances.closeAll();
    }
}
