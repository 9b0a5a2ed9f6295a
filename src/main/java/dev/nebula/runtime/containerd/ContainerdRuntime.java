package dev.nebula.runtime.containerd;

import dev.nebula.ModuleException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.InvocationTimeout;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.docker.BaseImage;
import dev.nebula.runtime.docker.DockerRuntime;
import dev.nebula.runtime.oci.ShortCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * containerd directly, below dockerd: the same FROM-scratch image as {@code docker}, imported from Docker's store at
 * deploy ({@code docker save | ctr images import}, no pull) into a containerd namespace of Nebula's own
 * ({@value #NAMESPACE}, not Docker's {@code moby}), on the containerd that dockerd runs. Cold is {@code ctr run --rm}
 * per request; warm is a {@code ctr run} of {@code nebula serve} whose stdin and stdout ctr carries, as runc's are.
 *
 * <p><b>Why ctr and not containerd's gRPC API.</b> There is no maintained Java client for containerd (its clients
 * are Go and Rust); driving it from Java would mean vendoring containerd 1.6's protos and gogoproto, a protobuf
 * codegen step and a native epoll transport for a unix-socket gRPC channel, about ten RPCs by hand. ctr is
 * containerd's own client, shipped with it, and does exactly what a containerd client does (lease, snapshot, container,
 * task, wait, delete). Its cost is real and is shown, not hidden: ctr's process start and image lookup (about 13 ms of
 * CPU and 20 ms here) are the request's first phase, {@code client}, cut at containerd's own timestamp of the snapshot
 * it prepares next, so the rest of the breakdown is containerd, the shim and runc alone.
 */
public final class ContainerdRuntime implements FunctionHost {
    public static final String ID = "containerd";
    public static final RuntimeDescriptor DESCRIPTOR = new RuntimeDescriptor(ID, Kind.CONTAINER, List.of(Abi.CLI),
            Footprint.CONTAINERS, BaseImage.SCRATCH.descriptor().artifact());
    /** The containerd namespace Nebula's images and containers live in. */
    public static final String NAMESPACE = "nebula";
    /** The containerd that dockerd starts: the one every machine with docker.io has. */
    public static final String ADDRESS = "/var/run/docker/containerd/containerd.sock";
    /** How the imported image is named in containerd: docker save writes the short name, containerd normalises it. */
    private static final String REFERENCE_PREFIX = "docker.io/library/";
    private static final Duration IMPORT_LIMIT = Duration.ofMinutes(2);

    private final Ctr ctr = new Ctr(ADDRESS, NAMESPACE);
    private final Duration timeout;

    public ContainerdRuntime() {
        this(InvocationTimeout.configured());
    }

    /** @param timeout how long one invocation may run before its task is killed and removed */
    public ContainerdRuntime(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public RuntimeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String description() {
        return "the static native binary FROM scratch run by containerd through ctr, namespace " + NAMESPACE
                + ": cold = ctr run --rm per request, warm = nebula serve inside ctr run over its pipes; no network";
    }

    /** Fails, saying what to do, without Docker's engine (the image comes from it), its containerd, or ctr. */
    @Override
    public void requireAvailable() {
        DockerRuntime.scratch().requireAvailable();
        if (!ShortCommand.onPath("ctr")) {
            throw new RuntimeUnavailableException(ID + ": ctr (containerd's client, shipped with docker.io) is not on PATH;"
                    + " install it with: bash scripts/setup.sh");
        }
        if (!Files.exists(Path.of(ADDRESS))) {
            throw new RuntimeUnavailableException(ID + ": no containerd socket at " + ADDRESS + " (dockerd starts it);"
                    + " start the engine with: bash scripts/docker-up.sh");
        }
    }

    @Override
    public Deployment deploy(FunctionArtifact module) {
        CliProtocol.requireNativeBinary(ID, module);
        requireAvailable();
        ContainerdJanitor.sweep(ctr);
        String reference = ensureImported(DockerRuntime.scratchImage(module));
        return new ContainerdDeployment(ctr, reference, DockerRuntime.BINARY_IN_IMAGE, TaskEvents.subscribe(ctr), timeout);
    }

    /** The image in containerd's namespace, imported from Docker's store unless it is there already. */
    private String ensureImported(String dockerImage) {
        String reference = REFERENCE_PREFIX + dockerImage;
        if (ctr.lines("images", "list", "--quiet").contains(reference)) {
            return reference;
        }
        try {
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                    new ProcessBuilder("docker", "save", dockerImage).redirectError(ProcessBuilder.Redirect.DISCARD),
                    new ProcessBuilder(ctr.command("images", "import", "-")).redirectOutput(ProcessBuilder.Redirect.DISCARD)));
            Process importer = pipeline.getLast();
            if (!importer.waitFor(IMPORT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                pipeline.forEach(Process::destroyForcibly);
                throw new ModuleException("importing " + dockerImage + " into containerd took over " + IMPORT_LIMIT.toSeconds() + " s");
            }
            String said = new String(importer.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (importer.exitValue() != 0 || !ctr.lines("images", "list", "--quiet").contains(reference)) {
                throw new ModuleException("docker save " + dockerImage + " | ctr images import - did not give " + reference
                        + (said.isEmpty() ? "" : ": " + said));
            }
            return reference;
        } catch (IOException e) {
            throw new ModuleException("cannot import " + dockerImage + " into containerd: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while importing " + dockerImage + " into containerd", e);
        }
    }
}
