package dev.nebula.runtime.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
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
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.cli.Watchdog;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A module compiled for Chicory in one mode, built once per deployment: the parsed module and its machine factory,
 * from which every instance of either ABI is made. Nothing is shared between instances but these, which are immutable.
 */
final class ChicoryModule {
    /** argv[0] of the WASI command. */
    static final String PROGRAM = "nebula";
    static final String START_EXPORT = "_start";
    private static final CatalogFunction[] FUNCTIONS = CatalogFunction.values();

    private final String runtimeId;
    private final FunctionArtifact source;
    private final CompiledModule compiled;
    /** By function ordinal: whether the module exports it (test modules export only some). */
    private final boolean[] exported;
    /** How long one call may run before its thread is interrupted; Chicory checks the interrupt at calls and loops. */
    private final Duration timeout;

    /** Compiles {@code source} in {@code mode} and proves, by a trial instance, that it instantiates. */
    ChicoryModule(String runtimeId, ChicoryMode mode, FunctionArtifact source, Duration timeout) {
        this.runtimeId = runtimeId;
        this.source = source;
        this.timeout = timeout;
        this.compiled = mode.compile(runtimeId, source);
        this.exported = requireExports();
        Machine machine;
        try {
            // A trial instance proves the module links and instantiates, so a later start() cannot fail on the module.
            machine = instantiateUnstarted().getMachine();
        } catch (ChicoryException e) {
            throw new ModuleException(runtimeId + " cannot instantiate " + source + ": " + e.getMessage(), e);
        }
        mode.requireMachine(runtimeId, source, machine);
    }

    String runtimeId() {
        return runtimeId;
    }

    FunctionArtifact source() {
        return source;
    }

    /** A guard that interrupts a call of this module that overruns the time limit. */
    Watchdog.Guard guard(String what) {
        return Watchdog.interrupting(runtimeId + ": " + what + " " + source, timeout);
    }

    /** The export that runs {@code function}, or null when the module does not export it. */
    ExportFunction exportOf(Instance instance, CatalogFunction function) {
        return exported[function.ordinal()] ? instance.export(function.exportName()) : null;
    }

    /** The machine a fresh instance runs on: lets tests see what runs the code. */
    Machine machineOfFreshInstance() {
        return instantiateUnstarted().getMachine();
    }

    /** A fresh instance that is never run; a WASI one is linked to a WASI that is closed at once. */
    private Instance instantiateUnstarted() {
        if (source.abi() == Abi.HANDLER) {
            return instantiate(null);
        }
        try (WasiPreview1 wasi = wasi(List.of(PROGRAM), OutputStream.nullOutputStream(), OutputStream.nullOutputStream())) {
            return instantiate(wasi);
        }
    }

    /** A fresh Chicory instance; with {@code wasi}, linked to it. The start function is left for the caller. */
    Instance instantiate(WasiPreview1 wasi) {
        ImportValues imports = wasi == null
                ? ImportValues.empty()
                : ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
        return Instance.builder(compiled.wasmModule())
                .withMachineFactory(compiled.machineFactory())
                .withImportValues(imports)
                .withStart(false)
                .build();
    }

    /** A WASI context with these arguments, no stdin, and the given streams. */
    static WasiPreview1 wasi(List<String> arguments, OutputStream stdout, OutputStream stderr) {
        WasiOptions options = WasiOptions.builder()
                .withArguments(arguments)
                .withStdin(InputStream.nullInputStream())
                .withStdout(stdout)
                .withStderr(stderr)
                .build();
        return WasiPreview1.builder().withOptions(options).build();
    }

    /** Which catalog functions the module exports, by ordinal; fails unless the module exports what its ABI calls. */
    private boolean[] requireExports() {
        ExportSection exports = compiled.wasmModule().exportSection();
        boolean[] exported = new boolean[FUNCTIONS.length];
        for (CatalogFunction function : FUNCTIONS) {
            exported[function.ordinal()] = exportsFunction(exports, function.exportName());
        }
        boolean usable = source.abi() == Abi.HANDLER
                ? !Arrays.equals(exported, new boolean[FUNCTIONS.length])
                : exportsFunction(exports, START_EXPORT);
        if (!usable) {
            String wanted = source.abi() == Abi.HANDLER
                    ? "any of " + Arrays.stream(FUNCTIONS).map(CatalogFunction::exportName).toList()
                    : START_EXPORT;
            throw new ModuleException(source + " exports no function " + wanted + " for the " + source.abi() + " ABI to call; "
                    + (source.abi() == Abi.COMMAND ? "a user function is a WASI command (a program with main)"
                            : "deploy the project's " + source.abi().artifactName() + " (bash wasm-modules/build.sh)"));
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

    /** A call the watchdog interrupted is a timeout; an interrupt from elsewhere (JMH's -to, a shutdown) says so. */
    RuntimeException stopped(Watchdog.Guard guard, CatalogFunction function, long n, ChicoryInterruptedException e) {
        return stopped(guard, call(function, n), e);
    }

    /** As {@link #stopped(Watchdog.Guard, CatalogFunction, long, ChicoryInterruptedException)}, for a call named {@code call}. */
    RuntimeException stopped(Watchdog.Guard guard, String call, ChicoryInterruptedException e) {
        RuntimeException timeout = guard.takeTimeout();
        if (timeout != null) {
            return timeout;
        }
        return new NebulaException(runtimeId + ": " + call
                + " was interrupted by another thread (JMH's -to timeout, or a shutdown), not by Nebula's time limit", e);
    }

    TrapException trap(CatalogFunction function, long n, Throwable error) {
        return trap(call(function, n), error);
    }

    /** A trap in the call named {@code call}. */
    TrapException trap(String call, Throwable error) {
        String what = error instanceof StackOverflowError ? "call stack exhausted (StackOverflowError)" : error.toString();
        return new TrapException(runtimeId + ": " + call + " trapped: " + what, error);
    }

    private String call(CatalogFunction function, long n) {
        return function.id() + "(" + n + ") in " + source;
    }
}
