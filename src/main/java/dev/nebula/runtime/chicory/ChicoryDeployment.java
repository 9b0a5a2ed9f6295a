package dev.nebula.runtime.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import dev.nebula.ModuleException;
import dev.nebula.NebulaException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.WasiCommandRun;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.Watchdog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A module deployed on Chicory in any mode: the parsed module and its machine factory, built once. Each
 * {@link #start} builds a fresh Chicory instance from them; nothing is shared between instances but the
 * immutable module and compiled code.
 */
final class ChicoryDeployment implements Deployment {
    /** Both ABIs, handler first: it is the default. */
    static final Set<Abi> ABIS = Collections.unmodifiableSet(EnumSet.of(Abi.HANDLER, Abi.WASI));

    /** argv[0] of the WASI command. */
    static final String PROGRAM = "nebula";

    private static final String START_EXPORT = "_start";
    private static final CatalogFunction[] FUNCTIONS = CatalogFunction.values();

    private final String runtimeId;
    private final FunctionArtifact module;
    private final CompiledModule compiled;
    /** By function ordinal: whether the module exports it (test modules export only some). */
    private final boolean[] exported;
    /** How long one invoke may run before its thread is interrupted; Chicory checks the interrupt at calls and loops. */
    private final Duration timeout;
    private boolean closed;

    /** Deploys {@code module} in {@code mode}: compiles it (as the mode does) and proves it instantiates. */
    ChicoryDeployment(String runtimeId, ChicoryMode mode, FunctionArtifact module, Duration timeout) {
        this.runtimeId = runtimeId;
        this.module = module;
        this.timeout = timeout;
        this.compiled = mode.compile(runtimeId, module);
        this.exported = requireExports();
        Machine machine;
        try {
            // A trial instance proves the module links and instantiates, so a later start() cannot fail on the module.
            machine = instantiateUnstarted().getMachine();
        } catch (ChicoryException e) {
            throw new ModuleException(runtimeId + " cannot instantiate " + module + ": " + e.getMessage(), e);
        }
        mode.requireMachine(runtimeId, module, machine);
    }

    @Override
    public FunctionInstance start() {
        requireOpen();
        return module.abi() == Abi.HANDLER ? new HandlerInstance() : new WasiInstance();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(runtimeId + ": this deployment of " + module + " is closed; deploy again");
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The machine a fresh instance runs on: lets tests see what runs the code. */
    Machine machineOfFreshInstance() {
        return instantiateUnstarted().getMachine();
    }

    /** A fresh instance that is never run; a WASI one is linked to a WASI that is closed at once. */
    private com.dylibso.chicory.runtime.Instance instantiateUnstarted() {
        if (module.abi() == Abi.HANDLER) {
            return instantiate(null);
        }
        try (WasiPreview1 wasi = wasi(List.of(PROGRAM), OutputStream.nullOutputStream(), OutputStream.nullOutputStream())) {
            return instantiate(wasi);
        }
    }

    /** Which catalog functions the module exports, by ordinal; fails unless the module exports what its ABI calls. */
    private boolean[] requireExports() {
        ExportSection exports = compiled.wasmModule().exportSection();
        boolean[] exported = new boolean[FUNCTIONS.length];
        for (CatalogFunction function : FUNCTIONS) {
            exported[function.ordinal()] = exportsFunction(exports, function.exportName());
        }
        boolean usable = module.abi() == Abi.HANDLER
                ? !Arrays.equals(exported, new boolean[FUNCTIONS.length])
                : exportsFunction(exports, START_EXPORT);
        if (!usable) {
            String wanted = module.abi() == Abi.HANDLER
                    ? "any of " + Arrays.stream(FUNCTIONS).map(CatalogFunction::exportName).toList()
                    : START_EXPORT;
            throw new ModuleException(module + " exports no function " + wanted + " for the " + module.abi()
                    + " ABI to call; deploy the project's " + module.abi().artifactName() + " (bash wasm-modules/build.sh)");
        }
        return exported;
    }

    private static boolean exportsFunction(ExportSection exports, String name) {
        for (int i = 0; i < exports.exportCount(); i++) {
            if (exports.getExport(i).name().equals(name) && exports.getExport(i).exportType() == ExternalType.FUNCTION) {
                return true;
            }
        }
        return false;
    }

    /** A fresh Chicory instance; with {@code wasi}, linked to it. The start function is left for the caller. */
    private com.dylibso.chicory.runtime.Instance instantiate(WasiPreview1 wasi) {
        ImportValues imports = wasi == null
                ? ImportValues.empty()
                : ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
        return com.dylibso.chicory.runtime.Instance.builder(compiled.wasmModule())
                .withMachineFactory(compiled.machineFactory())
                .withImportValues(imports)
                .withStart(false)
                .build();
    }

    private static WasiPreview1 wasi(List<String> arguments, OutputStream stdout, OutputStream stderr) {
        WasiOptions options = WasiOptions.builder()
                .withArguments(arguments)
                .withStdin(InputStream.nullInputStream())
                .withStdout(stdout)
                .withStderr(stderr)
                .build();
        return WasiPreview1.builder().withOptions(options).build();
    }

    /** A call the watchdog interrupted is a timeout; an interrupt from elsewhere (JMH's -to, a shutdown) says so. */
    private RuntimeException stopped(Watchdog.Guard guard, CatalogFunction function, long n, ChicoryInterruptedException e) {
        RuntimeException timeout = guard.takeTimeout();
        if (timeout != null) {
            return timeout;
        }
        return new NebulaException(runtimeId + ": " + function.id() + "(" + n + ") in " + module
                + " was interrupted by another thread (JMH's -to timeout, or a shutdown), not by Nebula's time limit", e);
    }

    private TrapException trap(CatalogFunction function, long n, Throwable error) {
        String what = error instanceof StackOverflowError ? "call stack exhausted (StackOverflowError)" : error.toString();
        return new TrapException(runtimeId + ": " + function.id() + "(" + n + ") in " + module + " trapped: " + what, error);
    }

    /** Calls the exports of {@code nebula.wasm}, looked up once at start. */
    private final class HandlerInstance implements FunctionInstance {
        private final ExportFunction[] exports = new ExportFunction[FUNCTIONS.length];
        private final Watchdog.Guard guard = Watchdog.interrupting(runtimeId + ": a call in " + module, timeout);
        private boolean closed;

        HandlerInstance() {
            com.dylibso.chicory.runtime.Instance instance;
            try {
                instance = instantiate(null);
            } catch (ChicoryException | StackOverflowError e) {
                guard.close();
                throw new TrapException(runtimeId + ": instantiating " + module + " trapped: " + e, e);
            }
            for (CatalogFunction function : FUNCTIONS) {
                if (exported[function.ordinal()]) {
                    exports[function.ordinal()] = instance.export(function.exportName());
                }
            }
        }

        @Override
        public long invoke(CatalogFunction function, long n) {
            function.requireValidInput(n);
            if (closed) {
                throw new IllegalStateException(runtimeId + ": this instance is closed; start another");
            }
            ExportFunction export = exports[function.ordinal()];
            if (export == null) {
                throw new ModuleException(module + " does not export " + function.exportName() + ", so it cannot run " + function.id());
            }
            guard.arm();
            try {
                return export.apply(n)[0];
            } catch (ChicoryInterruptedException e) {
                throw stopped(guard, function, n, e);
            } catch (ChicoryException | StackOverflowError e) {
                throw trap(function, n, e);
            } finally {
                guard.disarm();
            }
        }

        @Override
        public void close() {
            closed = true;
            guard.close();
        }
    }

    /**
     * Runs {@code nebula-wasi.wasm} as a command. A command instance runs {@code _start} once and is spent, so each
     * invoke instantiates the module with its own arguments and stdout and runs it: cold and warm have the same shape.
     */
    private final class WasiInstance implements FunctionInstance {
        private boolean closed;

        @Override
        public long invoke(CatalogFunction function, long n) {
            function.requireValidInput(n);
            if (closed) {
                throw new IllegalStateException(runtimeId + ": this instance is closed; start another");
            }
            // A guard per run, as each run is a fresh command instance: none outlives its run, closed or not.
            try (Watchdog.Guard guard = Watchdog.interrupting(runtimeId + ": a run of " + module, timeout)) {
                return WasiCommandRun.once(() -> new CommandRun(guard, function, n));
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A WASI request records the WASI phases: the same work as {@link WasiInstance#invoke}, timed step by step. */
    @Override
    public long coldInvoke(CatalogFunction function, long n, Phases phases) {
        if (module.abi() != Abi.WASI) {
            return Deployment.super.coldInvoke(function, n, phases);
        }
        requireOpen();
        function.requireValidInput(n);
        try (Watchdog.Guard guard = Watchdog.interrupting(runtimeId + ": a run of " + module, timeout)) {
            return WasiCommandRun.timed(() -> new CommandRun(guard, function, n), phases);
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
            this.wasi = wasi(List.of(PROGRAM, function.id(), Long.toString(n)), stdout, stderr);
        }

        @Override
        public void instantiate() {
            try {
                entryPoint = ChicoryDeployment.this.instantiate(wasi).export(START_EXPORT);
            } catch (ChicoryException | StackOverflowError e) {
                throw trap(function, n, e);
            }
        }

        @Override
        public long run() {
            int exitCode = 0;
            guard.arm();
            try {
                entryPoint.apply();
            } catch (ChicoryInterruptedException e) {
                throw stopped(guard, function, n, e);
            } catch (ExecutionCompletedException e) {
                // proc_exit(0): Chicory ends the run with this exception; the output is complete.
            } catch (WasiExitException e) {
                exitCode = e.exitCode();
            } catch (ChicoryException | StackOverflowError e) {
                throw trap(function, n, e);
            } finally {
                guard.disarm();
            }
            return CliProtocol.runResult(runtimeId + ": " + module + " " + function.id() + " " + n, function, exitCode,
                    stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            wasi.close();
        }
    }
}
