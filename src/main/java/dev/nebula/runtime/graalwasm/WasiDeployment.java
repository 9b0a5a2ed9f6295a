package dev.nebula.runtime.graalwasm;

import dev.nebula.ModuleException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.WasiCommandRun;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * The WASI ABI on GraalWasm: the module is a command, run like {@code nebula <fn> <n>} with stdout captured.
 * A command instance runs {@code _start} once, and its arguments are fixed when its context is built, so every
 * request instantiates the module afresh (on the shared engine, reusing its compiled code) and runs {@code _start}.
 */
final class WasiDeployment implements Deployment {
    /** argv[0], as a shell would pass it. */
    static final String PROGRAM_NAME = "nebula";
    private static final String WASI_BUILTINS = "wasi_snapshot_preview1";
    private static final String ENTRY_POINT = "_start";

    private final SharedEngineModule module;

    WasiDeployment(FunctionArtifact module) {
        this.module = new SharedEngineModule(module, builder -> builder.option("wasm.Builtins", WASI_BUILTINS), WasiDeployment::requireEntryPoint);
    }

    private static void requireEntryPoint(Value exports) {
        if (!exports.hasMember(ENTRY_POINT)) {
            throw new ModuleException("the module is not a WASI command: it has no " + ENTRY_POINT + " export; it exports " + exports.getMemberKeys());
        }
    }

    /** Nothing to start yet: a command's instance needs the request's arguments, so {@link FunctionInstance#invoke} instantiates it. */
    @Override
    public FunctionInstance start() {
        return new WasiInstance();
    }

    /** A WASI request records the WASI phases: the same work as {@link WasiInstance#invoke}, timed step by step. */
    @Override
    public long coldInvoke(CatalogFunction function, long n, Phases phases) {
        function.requireValidInput(n);
        return WasiCommandRun.timed(() -> new CommandRun(function, n), phases);
    }

    @Override
    public void close() {
        module.close();
    }

    private final class WasiInstance implements FunctionInstance {
        @Override
        public long invoke(CatalogFunction function, long n) {
            function.requireValidInput(n);
            return WasiCommandRun.once(() -> new CommandRun(function, n));
        }

        @Override
        public void close() {}
    }

    /** One run of the command: a fresh context with its arguments and captured streams, then the module instantiated in it and run. */
    private final class CommandRun implements WasiCommandRun {
        private final CatalogFunction function;
        private final long n;
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final Context context;
        private Value entryPoint;

        /** The context, its wasm language (with the WASI builtins) initialized, so that instantiation is all that is left. */
        CommandRun(CatalogFunction function, long n) {
            this.function = function;
            this.n = n;
            String[] arguments = {PROGRAM_NAME, function.id(), Long.toString(n)};
            this.context = module.newContext(builder -> builder.arguments("wasm", arguments)
                    .in(InputStream.nullInputStream()).out(stdout).err(stderr));
            try {
                context.initialize("wasm");
            } catch (PolyglotException e) {
                context.close();
                throw Traps.translate(e, describe(), stderrNote());
            }
        }

        @Override
        public void instantiate() {
            try {
                entryPoint = module.instantiate(context).getMember(ENTRY_POINT);
            } catch (PolyglotException e) {
                throw Traps.translate(e, describe(), stderrNote());
            }
        }

        /** A non-zero exit is a {@link TrapException} carrying stderr. */
        @Override
        public long run() {
            int exitCode = 0;
            ContextGuard guard = module.guard("the run " + describe() + " on GraalWasm", context);
            guard.arm();
            try {
                entryPoint.executeVoid();
            } catch (PolyglotException e) {
                if (!e.isExit()) {
                    throw guard.stoppedOrTrap(e, describe(), stderrNote());
                }
                exitCode = e.getExitStatus();
            } finally {
                guard.close();
            }
            return CliProtocol.runResult(describe() + " on GraalWasm", function, exitCode,
                    stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        }

        private String describe() {
            return "'" + module.name() + " " + function.id() + " " + n + "'";
        }

        private String stderrNote() {
            String errors = stderr.toString(StandardCharsets.UTF_8).strip();
            return errors.isEmpty() ? "" : "; stderr: " + errors;
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
