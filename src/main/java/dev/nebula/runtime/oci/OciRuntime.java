package dev.nebula.runtime.oci;

import dev.nebula.RuntimeUnavailableException;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.InvocationTimeout;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.cli.CliProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The OCI runtime alone, with no engine above it: a bundle made once at deploy ({@link OciBundle}), then
 * {@code <tool> run} per cold request and a long-running {@code <tool> run} of {@code nebula serve} over its pipes
 * per warm instance, as {@code process} does. The bottom rung of the container ladder: what a container costs as a
 * mechanism (namespaces, cgroups, mounts, exec), with no daemon, shim or image store. Each tool is a runtime of its
 * own that names itself and says where it cannot run.
 */
public abstract class OciRuntime implements FunctionHost {
    private final RuntimeDescriptor descriptor;
    private final OciCli cli;
    private final Duration timeout;

    /** @param tool the OCI runtime's executable on PATH, e.g. runc */
    protected OciRuntime(RuntimeDescriptor descriptor, String tool, Duration timeout) {
        this.descriptor = descriptor;
        this.cli = new OciCli(tool);
        this.timeout = timeout;
    }

    protected OciRuntime(RuntimeDescriptor descriptor, String tool) {
        this(descriptor, tool, InvocationTimeout.configured());
    }

    @Override
    public final RuntimeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String description() {
        return "the static native binary in an OCI bundle run by " + cli.tool() + " alone (no engine): cold = "
                + cli.tool() + " run per request, warm = nebula serve inside " + cli.tool() + " run over its pipes; no network";
    }

    /** The tool's command line, with Nebula's state directory. */
    public final OciCli cli() {
        return cli;
    }

    /** The cgroup parent of this tool's containers, e.g. {@code nebula-runc}. */
    public final String cgroupParent() {
        return "nebula-" + cli.tool();
    }

    /** Fails, saying what to do, without root or without the tool. */
    @Override
    public void requireAvailable() {
        if (!runningAsRoot()) {
            throw new RuntimeUnavailableException(id() + ": containers need root (namespaces, cgroups); run as root");
        }
        if (!ShortCommand.onPath(cli.tool())) {
            throw new RuntimeUnavailableException(id() + ": " + cli.tool() + " is not on PATH; install it with: bash scripts/setup.sh");
        }
    }

    @Override
    public Deployment deploy(FunctionArtifact module) {
        CliProtocol.requireNativeBinary(id(), module);
        requireAvailable();
        OciJanitor.sweep(cli, cgroupParent());
        return new OciDeployment(this, OciBundle.make(module, id(), cgroupParent()), timeout);
    }

    private static boolean runningAsRoot() {
        try {
            // /proc/self belongs to the process's effective uid.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
