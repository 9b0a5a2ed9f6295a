package dev.nebula.runtime.dockercli;

import dev.nebula.runtime.oci.ShortCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The docker CLI's command lines for one image: {@code docker run} with no network, a name of this JVM's session
 * and the labels that let the docker runtime's janitor remove what a killed JVM left.
 */
record DockerCli(String image, Map<String, String> labels) {
    private static final Duration REMOVE_LIMIT = Duration.ofSeconds(30);

    /** {@code docker run --rm --network none} of this image, named {@code name}, with its arguments after the image. */
    List<String> run(String name, List<String> runOptions, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "none", "--name", name));
        labels.forEach((key, value) -> command.addAll(List.of("--label", key + "=" + value)));
        command.addAll(runOptions);
        command.add(image);
        command.addAll(arguments);
        return command;
    }

    /** Kills and removes the container; one already gone is fine. */
    void forceRemove(String name) {
        ShortCommand.run(REMOVE_LIMIT, List.of("docker", "rm", "--force", name));
    }

    /** Whether a container of this name exists, running or not. */
    boolean exists(String name) {
        return !ShortCommand.require(REMOVE_LIMIT, List.of("docker", "ps", "--all", "--quiet", "--filter", "name=^" + name + "$")).lines().isEmpty();
    }
}
