package dev.nebula.runtime.process;

import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import dev.nebula.InvocationTimeoutException;
import dev.nebula.ModuleException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.CommandAnswer;
import dev.nebula.runtime.CommandForm;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.InvocationTimeout;
import dev.nebula.runtime.OwnedTempDirectories;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.OpenInstances;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.RunPerCall;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.ColdPhases;
import dev.nebula.runtime.cli.ServeClient;
import dev.nebula.runtime.cli.Watchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The static native binary as a plain process, no container: the baseline that separates the cost of a container
 * from the cost of a process. Cold is fork, exec and exit of a one-shot run; warm is {@code nebula serve} over the
 * process's stdin and stdout.
 */
public final class ProcessRuntime implements FunctionHost {
    public static final String ID = "process";
    public static final RuntimeDescriptor DESCRIPTOR = new RuntimeDescriptor(ID, Kind.PROCESS, List.of(Abi.CLI), Footprint.PROCESSES, Artifact.of(Artifact.Type.NATIVE_BINARY));

    private final Duration timeout;

    /** With the time limit of {@code -Dnebula.timeout} ({@link InvocationTimeout}). */
    public ProcessRuntime() {
        this(InvocationTimeout.configured());
    }

    /** @param timeout how long one invocation may run before its process is killed */
    public ProcessRuntime(Duration timeout) {
        this.timeout = timeout;
    }


    @Override
    public RuntimeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String description() {
        return "the static native binary as a process: cold = fork/exec/exit, warm = nebula serve over stdin/stdout";
    }


    /** A user function's static binary, run as a process per call. */
    @Override
    public Optional<CommandForm> commandForm() {
        return Optional.of(CommandForm.NATIVE_BINARY);
    }

    @Override
    public Deployment deploy(FunctionArtifact module) {
        CliProtocol.requireNativeBinary(ID, module);
        return module.abi() == Abi.COMMAND
                ? new CommandDeployment(install(module), timeout)
                : new ProcessDeployment(install(module), timeout);
    }

    /** Writes the binary into a private directory, executable: what a host does once, ahead of requests. */
    private static Path install(FunctionArtifact module) {
        try {
            Path directory = OwnedTempDirectories.create("process"); // a killed JVM's copy is swept by the next
            Path binary = directory.resolve(module.abi() == Abi.COMMAND ? "function" : "nebula");
            Files.write(binary, module.bytes());
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
            // Deleted at exit after its directory was registered: the file first, then the directory.
            binary.toFile().deleteOnExit();
            return binary;
        } catch (IOException e) {
            throw new ModuleException("cannot install " + module + " for runtime " + ID + ": " + e.getMessage(), e);
        }
    }

    private static final class ProcessDeployment implements Deployment {
        private final Path binary;
        private final Duration timeout;
        private final OpenInstances<ProcessInstance> instances = new OpenInstances<>();

        ProcessDeployment(Path binary, Duration timeout) {
            this.binary = binary;
            this.timeout = timeout;
        }

        @Override
        public FunctionInstance start() {
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), CliProtocol.SERVE)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            return instances.add(new ProcessInstance(launch(builder), timeout, instances::closed));
        }

        /** Fork, exec, compute, exit: one process per request, with the phases of {@link ColdPhases}. */
        @Override
        public long coldInvoke(CatalogFunction function, long n, Phases phases) {
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(CliProtocol.oneShotArguments(function, n));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put(CliProtocol.TIMESTAMPS_ENV, "1");
            phases.begin();
            long begun = System.nanoTime();
            Process process = launch(builder);
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new InvocationTimeoutException("process " + function.id() + " " + n, timeout);
                }
                // The output is one short line each: it fits the pipes, so reading after the exit cannot block.
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                long exited = System.nanoTime();
                CliProtocol.OneShot result = CliProtocol.parseOneShot(function, n, process.exitValue(), stdout, stderr);
                ColdPhases.markRun(phases, result.timestamps(), begun, exited);
                return result.bits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrapException("interrupted while waiting for " + function.id() + " " + n, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the output of " + function.id() + " " + n, e);
            } finally {
                process.destroyForcibly();
            }
        }

        private Process launch(ProcessBuilder builder) {
            try {
                return builder.start();
            } catch (IOException e) {
                throw new ModuleException("cannot start " + binary + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                instances.closeAll();
            } finally {
                deleteBinary();
            }
        }

        private void deleteBinary() {
            uninstall(binary);
        }
    }

    /** Deletes what {@link #install} wrote. */
    private static void uninstall(Path binary) {
        try {
            Files.deleteIfExists(binary);
            Files.deleteIfExists(binary.getParent());
        } catch (IOException e) {
            // A leftover file in the temp directory is harmless.
        }
    }

    /**
     * A user function's static binary ({@link Abi#COMMAND}): one process per call, {@code <binary> <n>}, cold and
     * warm alike, since the contract has no server mode. A cold call records one phase, {@link Deployment#RUN}: fork,
     * exec, compute and exit, as the function reports no timestamps of its own.
     */
    private static final class CommandDeployment implements Deployment {
        private final Path binary;
        private final Duration timeout;

        CommandDeployment(Path binary, Duration timeout) {
            this.binary = binary;
            this.timeout = timeout;
        }

        @Override
        public FunctionInstance start() {
            return new RunPerCall(this::run);
        }

        @Override
        public String coldInvokeText(long n, Phases phases) {
            phases.begin();
            String answer = run(n);
            phases.mark(RUN);
            return answer;
        }

        private String run(long n) {
            List<String> arguments = CommandAnswer.arguments(binary.toString(), n);
            String what = "process '" + binary.getFileName() + " " + n + "'";
            Process process;
            try {
                process = new ProcessBuilder(arguments).start();
            } catch (IOException e) {
                throw new ModuleException("cannot start " + binary + ": " + e.getMessage(), e);
            }
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new InvocationTimeoutException(what, timeout);
                }
                // Read after the exit: a contract answer is one line, far below a pipe's buffer; a chattier function
                // that fills it is stopped by the time limit instead.
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                return CommandAnswer.of(what, process.exitValue(), stdout, stderr);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrapException("interrupted while waiting for " + what, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the output of " + what, e);
            } finally {
                process.destroyForcibly();
            }
        }

        @Override
        public void close() {
            uninstall(binary);
        }
    }

    /** A running {@code nebula serve} process; each invoke is one line over its stdin and stdout. */
    private static final class ProcessInstance implements FunctionInstance {
        private final Process process;
        private final ServeClient client;
        private final Consumer<ProcessInstance> onClose;

        ProcessInstance(Process process, Duration timeout, Consumer<ProcessInstance> onClose) {
            this.process = process;
            this.onClose = onClose;
            String what = "nebula serve (process " + process.pid() + ")";
            this.client = new ServeClient(what, process.getInputStream(), process.getOutputStream(),
                    Watchdog.guard(what, timeout, process::destroyForcibly), () -> exited(what));
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
        public long invoke(CatalogFunction function, long n) {
            return client.invoke(function, n);
        }

        @Override
        public void close() {
            client.close();
            try {
                // End of stdin ends the server; a server that does not end is killed.
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } finally {
                onClose.accept(this);
            }
        }
    }
}
