package dev.nebula.runtime.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import dev.nebula.InvocationTimeoutException;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.CommandAnswer;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.RunPerCall;
import dev.nebula.runtime.cli.ColdPhases;
import java.time.Duration;
import java.util.List;

/**
 * A user function's static binary ({@link Abi#COMMAND}) in its image: one container per call, {@code <n>} as its
 * command, cold and warm alike, since the contract has no server mode. The binary is not Nebula's, so its containers
 * are locked down: no network, a read-only root, and memory and pids limits; nothing of the host is mounted.
 * A cold call records {@link ColdPhases#CREATE}, {@link Deployment#RUN} (start to exit and output read) and
 * {@link ColdPhases#REMOVE}.
 */
final class CommandContainers implements Deployment {
    /** Memory a user function's container may use: room for real work (an image at L is about 20 MB), not a host's worth. */
    static final long MEMORY_BYTES = 512L << 20;
    /** Processes and threads a user function's container may have: a function needs one. */
    static final long PIDS = 16;

    private final DockerEngine engine;
    private final String image;
    private final Duration timeout;

    CommandContainers(DockerEngine engine, String image, Duration timeout) {
        this.engine = engine;
        this.image = image;
        this.timeout = timeout;
    }

    @Override
    public FunctionInstance start() {
        return new RunPerCall(n -> coldInvokeText(n, Phases.IGNORED));
    }

    @Override
    public String coldInvokeText(long n, Phases phases) {
        List<String> arguments = CommandAnswer.arguments(image, n);
        CreateContainerCmd command = engine.client().createContainerCmd(image)
                .withCmd(arguments.subList(1, arguments.size()))
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode(DockerDeployment.NETWORK_NONE)
                        .withReadonlyRootfs(true)
                        .withMemory(MEMORY_BYTES)
                        .withPidsLimit(PIDS));
        phases.begin();
        String id = engine.create(command);
        phases.mark(ColdPhases.CREATE);
        String what = "container " + DockerEngine.shortId(id) + " ('" + String.join(" ", arguments) + "')";
        String answer;
        try {
            engine.start(id);
            Integer exitCode = engine.awaitExit(id, timeout);
            if (exitCode == null) {
                throw new InvocationTimeoutException(what, timeout);
            }
            DockerEngine.Output output = engine.logs(id);
            answer = CommandAnswer.of(what, exitCode, output.stdout(), output.stderr());
            phases.mark(RUN);
        } catch (RuntimeException e) {
            engine.removeAfter(e, id);
            throw e;
        }
        engine.remove(id);
        phases.mark(ColdPhases.REMOVE);
        return answer;
    }

    /** Nothing runs between calls; the image stays, so that the next deploy of this binary is instant. */
    @Override
    public void close() {}
}
