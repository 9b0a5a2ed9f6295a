package dev.nebula.runtime.oci;

import dev.nebula.NebulaException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.cli.ServeClient;
import dev.nebula.runtime.cli.Watchdog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A warm container: {@code <tool> run} in the foreground with {@code nebula serve} inside, whose stdin and stdout are
 * the tool's (no terminal: the tool hands its own descriptors to the container), so each invoke is one line each way
 * over pipes, as for {@code process}. End of stdin ends the server, and the tool then deletes the container.
 */
final class OciInstance implements FunctionInstance {
    private static final long EXIT_WAIT_SECONDS = 5;

    private final OciCli cli;
    private final String cgroupParent;
    private final String name;
    private final Path request;
    private final Process process;
    private final ServeClient client;
    private final Consumer<OciInstance> onClose;

    OciInstance(OciCli cli, String cgroupParent, String name, Path request, Duration timeout, Consumer<OciInstance> onClose) {
        this.cli = cli;
        this.cgroupParent = cgroupParent;
        this.name = name;
        this.request = request;
        this.onClose = onClose;
        OciJanitor.running(cli, name);
        try {
            this.process = new ProcessBuilder(cli.command("run", "--bundle", request.toString(), name))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            OciJanitor.gone(cli, name);
            OciBundle.forget(request);
            throw new NebulaException("cannot start " + cli.tool() + ": " + e.getMessage(), e);
        }
        String what = "nebula serve in " + cli.tool() + " container " + name;
        this.client = new ServeClient(what, process.getInputStream(), process.getOutputStream(),
                Watchdog.guard(what, timeout, this::kill), () -> exited(what));
    }

    /** The container's name, as the tool lists it. */
    String name() {
        return name;
    }

    @Override
    public long invoke(CatalogFunction function, long n) {
        return client.invoke(function, n);
    }

    /** The watchdog's kill: the container first (the tool's delete kills its processes), then the tool. */
    private void kill() {
        cli.forceDelete(name);
        process.destroyForcibly();
    }

    private RuntimeException exited(String what) {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                return new TrapException(what + " exited with code " + process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new TrapException(what + " closed its stdout");
    }

    @Override
    public void close() {
        client.close();
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive() || !cleanExit()) {
                cli.forceDelete(name);
                CgroupTree.removeLeaf(cgroupParent, name);
            }
            OciJanitor.gone(cli, name);
            OciBundle.forget(request);
            onClose.accept(this);
        }
    }

    /** Whether the tool exited by itself with 0, having deleted the container. */
    private boolean cleanExit() {
        return !process.isAlive() && process.exitValue() == 0;
    }
}
