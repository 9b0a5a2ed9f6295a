package dev.nebula.runtime.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.CommandAnswer;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.WasiCommandRun;
import dev.nebula.runtime.cli.Watchdog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A WASI command run on Chicory: {@code nebula-wasi.wasm} with {@code <fn> <n>} (the {@link Abi#WASI} ABI), or a user
 * function with {@code <n>} (the {@link Abi#COMMAND} ABI). A command instance runs {@code _start} once and is spent,
 * so each invoke instantiates the module with its own arguments and stdout and runs it: cold and warm have the same
 * shape.
 */
final class WasiDeployment extends ChicoryDeployment {

    WasiDeployment(ChicoryModule module) {
        super(module);
    }

    @Override
    public FunctionInstance start() {
        requireOpen();
        return new WasiInstance();
    }

    /** A WASI request records the WASI phases: the same work as {@link WasiInstance#invoke}, timed step by step. */
    @Override
    public long coldInvoke(CatalogFunction function, long n, Phases phases) {
        requireOpen();
        function.requireValidInput(n);
        try (Watchdog.Guard guard = module.guard("a run of")) {
            return WasiCommandRun.timed(() -> catalogRun(guard, function, n), function, phases);
        }
    }

    @Override
    public String coldInvokeText(long n, Phases phases) {
        requireOpen();
        requireCommand();
        try (Watchdog.Guard guard = module.guard("a run of")) {
            return WasiCommandRun.timedText(() -> userRun(guard, n), phases);
        }
    }

    private void requireCommand() {
        if (module.source().abi() != Abi.COMMAND) {
            super.coldInvokeText(0, Phases.IGNORED); // throws: the catalog's module answers numbers
        }
    }

    private CommandRun catalogRun(Watchdog.Guard guard, CatalogFunction function, long n) {
        return new CommandRun(guard, List.of(ChicoryModule.PROGRAM, function.id(), Long.toString(n)));
    }

    private CommandRun userRun(Watchdog.Guard guard, long n) {
        return new CommandRun(guard, CommandAnswer.arguments(module.source().name(), n));
    }

    private final class WasiInstance implements FunctionInstance {
        private boolean closed;

        @Override
        public long invoke(CatalogFunction function, long n) {
            function.requireValidInput(n);
            requireOpen();
            // A guard per run, as each run is a fresh command instance: none outlives its run, closed or not.
            try (Watchdog.Guard guard = module.guard("a run of")) {
                return WasiCommandRun.once(() -> catalogRun(guard, function, n), function);
            }
        }

        @Override
        public String invokeText(long n) {
            requireCommand();
            requireOpen();
            try (Watchdog.Guard guard = module.guard("a run of")) {
                return WasiCommandRun.onceText(() -> userRun(guard, n));
            }
        }

        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException(module.runtimeId() + ": this instance is closed; start another");
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** One run of the command: its WASI context with the request's arguments and captured streams, then instance and {@code _start}. */
    private final class CommandRun implements WasiCommandRun {
        private final Watchdog.Guard guard;
        private final List<String> arguments;
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream(64);
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream(64);
        private final WasiPreview1 wasi;
        private ExportFunction entryPoint;

        CommandRun(Watchdog.Guard guard, List<String> arguments) {
            this.guard = guard;
            this.arguments = arguments;
            this.wasi = ChicoryModule.wasi(arguments, stdout, stderr);
        }

        @Override
        public void instantiate() {
            try {
                entryPoint = module.instantiate(wasi).export(ChicoryModule.START_EXPORT);
            } catch (ChicoryException | StackOverflowError e) {
                throw module.trap(call(), e);
            }
        }

        @Override
        public int execute() {
            int exitCode = 0;
            guard.arm();
            try {
                entryPoint.apply();
            } catch (ChicoryInterruptedException e) {
                throw module.stopped(guard, call(), e);
            } catch (ExecutionCompletedException e) {
                // proc_exit(0): Chicory ends the run with this exception; the output is complete.
            } catch (WasiExitException e) {
                exitCode = e.exitCode();
            } catch (ChicoryException | StackOverflowError e) {
                throw module.trap(call(), e);
            } finally {
                guard.disarm();
            }
            return exitCode;
        }

        @Override
        public String stdout() {
            return stdout.toString(StandardCharsets.UTF_8);
        }

        @Override
        public String stderr() {
            return stderr.toString(StandardCharsets.UTF_8);
        }

        @Override
        public String what() {
            return module.runtimeId() + ": " + call();
        }

        /** The run as a shell would show it, and the module; made only for an error, never on the measured path. */
        private String call() {
            return "'" + String.join(" ", arguments) + "' in " + module.source();
        }

        @Override
        public void close() {
            wasi.close();
        }
    }
}
