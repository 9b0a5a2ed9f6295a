package dev.nebula.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the run's records ask the {@code docker} CLI: versions, local images and their sizes. Every such call is here,
 * so that the sidecar and the artifact sizes read images alike; no engine or no CLI is an empty answer.
 */
final class DockerCli {
    private DockerCli() {}

    static Optional<String> serverVersion() {
        return HostProbe.output("docker", "version", "--format", "{{.Server.Version}}");
    }

    static Optional<String> clientVersion() {
        return HostProbe.output("docker", "version", "--format", "{{.Client.Version}}");
    }

    /** Every local image as {@code repository:tag}, with its full id, in the CLI's order. */
    static Map<String, String> images() {
        Map<String, String> images = new LinkedHashMap<>();
        HostProbe.output("docker", "image", "ls", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}}\t{{.ID}}").ifPresent(out -> {
            for (String line : out.split("\n")) {
                String[] nameAndId = line.split("\t");
                if (nameAndId.length == 2) {
                    images.put(nameAndId[0], nameAndId[1]);
                }
            }
        });
        return images;
    }

    /** The size {@code docker image inspect} gives {@code image}, if the engine has it. */
    static Optional<Long> imageBytes(String image) {
        return HostProbe.output("docker", "image", "inspect", "--format", "{{.Size}}", image).map(Long::parseLong);
    }
}
