package dev.nebula.runtime.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.WasiCommandRun;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.Watchdog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code nebula-wasi.wasm} run as a command on Chicory. A command instance runs {@code _start} once and is spent, so
 * each invoke instantiates the module with its own arguments and stdout and runs it: cold and warm have the same shape.
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
            return WasiCommandRun.timed(() -> new CommandRun(guard, function, n), phases);
        }
    }

    private final class WasiInstance implements FunctionInstance {
        private boolean closed;

        @Override
        public long invoke(CatalogFunction function, long n) {
            function.requireValidInput(n);
            if (closed) {
                throw new IllegalStateException(module.runtimeId() + ": this instance is closed; start another");
            }
            // A guard per run, as each run is a fresh command instance: none outlives its run, closed or not.
            try (Watchdog.Guard guard = module.guard("a run of")) {
                return WasiCommandRun.once(() -> new CommandRun(guard, function, n));
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
        private final CatalogFunction function;
        private final long n;
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream(64);
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream(64);
        private final WasiPreview1 wasi;
        private ExportFunction entryPoint;

        CommandRun(Watchdog.Guard guard, CatalogFunction function, long n) {
            this.guard = guard;
            this.function = function;
            this.n = n;
            this.wasi = ChicoryModule.wasi(List.of(ChicoryModule.PROGRAM, function.id(), Long.toString(n)), stdout, stderr);
        }

        @Override
        public void instantiate() {
            try {
                entryPoint = module.instantiate(wasi).export(ChicoryModule.START_EXPORT);
            } catch (ChicoryException | StackOverflowError e) {
                throw module.trap(function, n, e);
            }
        }

        @Override
        public long run() {
            int exitCode = 0;
            guard.arm();
            try {
                entryPoint.apply();
            } catch (ChicoryInterruptedException e) {
                throw module.stopped(guard, function, n, e);
            } catch (ExecutionCompletedException e) {
                // proc_exit(0): Chicory ends the run with this exception; the output is complete.
            } catch (WasiExitException e) {
                exitCode = e.exitCode();
            } catch (ChicoryException | StackOverflowError e) {
                throw module.trap(function, n, e);
            } finally {
                guard.disarm();
            }
            return CliProtocol.runResult(module.runtimeId() + ": " + module.source() + " " + function.id() + " " + n, function,
                    exitCode, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            wasi.close();
        }
    }
}
