package dev.nebula.runtime.oci;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI runtime's command line (runc, crun: the same verbs), with a state directory of Nebula's own
 * ({@code --root /run/nebula-<tool>}), so that listing it shows Nebula's containers and nobody else's.
 *
 * @param tool the executable, found on PATH
 */
public record OciCli(String tool) {
    private static final Duration HOUSEKEEPING_LIMIT = Duration.ofSeconds(30);

    /** Where the tool keeps its containers' state. */
    public String stateRoot() {
        return "/run/nebula-" + tool;
    }

    /** The tool with its state directory, then {@code arguments}. */
    public List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(tool, "--root", stateRoot()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Kills and deletes a container, cgroups included; an unknown one is fine. False when the tool failed. */
    public boolean forceDelete(String name) {
        ShortCommand.Result result = ShortCommand.run(HOUSEKEEPING_LIMIT, command("delete", "--force", name));
        return result.ok() || result.stderr().contains("does not exist") || result.stderr().contains("not found")
                || result.stderr().contains("No such file");
    }

    /** The names of the containers in the state directory, running or stopped. */
    public List<String> containers() {
        return ShortCommand.require(HOUSEKEEPING_LIMIT, command("list", "-q")).lines();
    }
}
