package dev.nebula.runtime.containerd;

import dev.nebula.runtime.oci.ShortCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * containerd's own client, {@code ctr}, against one containerd and in Nebula's namespace: the command lines of the
 * containerd rung and its housekeeping.
 *
 * @param address   containerd's socket
 * @param namespace the containerd namespace everything is made in
 */
record Ctr(String address, String namespace) {
    static final Duration HOUSEKEEPING_LIMIT = Duration.ofSeconds(30);

    /** {@code ctr} with the address and namespace, then {@code arguments}. */
    List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ctr", "--address", address, "--namespace", namespace));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs a housekeeping command; its failure is returned, not thrown. */
    ShortCommand.Result run(String... arguments) {
        return ShortCommand.run(HOUSEKEEPING_LIMIT, command(arguments));
    }

    /** Runs a housekeeping command whose failure is an error carrying ctr's words. */
    List<String> lines(String... arguments) {
        return ShortCommand.require(HOUSEKEEPING_LIMIT, command(arguments)).lines();
    }

    /**
     * Kills and removes a container made by {@code ctr run}, whatever state a killed ctr left it in: its task (killed,
     * then deleted: a container with a running task cannot be removed), the container with its snapshot, and a
     * snapshot with no container (ctr killed between preparing it and creating the container). Missing parts are fine.
     */
    void forceRemove(String name) {
        run("tasks", "kill", "--signal", "SIGKILL", name);
        run("tasks", "delete", "--force", name);
        run("containers", "delete", name);
        run("snapshots", "remove", name);
    }
}
