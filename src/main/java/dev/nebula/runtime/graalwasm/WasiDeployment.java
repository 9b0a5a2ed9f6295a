package dev.nebula.runtime.graalwasm;

import dev.nebula.ModuleException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.CommandAnswer;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.WasiCommandRun;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A WASI command on GraalWasm: {@code nebula-wasi.wasm} run like {@code nebula <fn> <n>} (the {@link Abi#WASI} ABI), or
 * a user function run like {@code <name> <n>} (the {@link Abi#COMMAND} ABI), with stdout captured.
 * A command instance runs {@code _start} once, and its arguments are fixed when its context is built, so every
 * request instantiates the module afresh (on the shared engine, reusing its compiled code) and runs {@code _start}.
 */
final class WasiDeployment implements Deployment {
    /** argv[0], as a shell would pass it. */
    static final String PROGRAM_NAME = "nebula";
    private static final String WASI_BUILTINS = "wasi_snapshot_preview1";
    private static final String ENTRY_POINT = "_start";

    private final SharedEngineModule module;
    private final Abi abi;

    WasiDeployment(FunctionArtifact module) {
        this.abi = module.abi();
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
        return WasiCommandRun.timed(() -> catalogRun(function, n), function, phases);
    }

    @Override
    public String coldInvokeText(long n, Phases phases) {
        requireCommand();
        return WasiCommandRun.timedText(() -> userRun(n), phases);
    }

    private void requireCommand() {
        if (abi != Abi.COMMAND) {
            Deployment.super.coldInvokeText(0, Phases.IGNORED); // throws: the catalog's module answers numbers
        }
    }

    private CommandRun catalogRun(CatalogFunction function, long n) {
        return new CommandRun(new String[] {PROGRAM_NAME, function.id(), Long.toString(n)});
    }

    private CommandRun userRun(long n) {
        return new CommandRun(CommandAnswer.arguments(module.name(), n).toArray(String[]::new));
    }

    @Override
    public void close() {
        module.close();
    }

    private final class WasiInstance implements FunctionInstance {
        @Override
        public long invoke(CatalogFunction function, long n) {
            function.requireValidInput(n);
            return WasiCommandRun.once(() -> catalogRun(function, n), function);
        }

        @Override
        public String invokeText(long n) {
            requireCommand();
            return WasiCommandRun.onceText(() -> userRun(n));
        }

        @Override
        public void close() {}
    }

    /** One run of the command: a fresh context with its arguments and captured streams, then the module instantiated in it and run. */
    private final class CommandRun implements WasiCommandRun {
        private final String[] arguments;
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final Context context;
        private Value entryPoint;

        /** The context, its wasm language (with the WASI builtins) initialized, so that instantiation is all that is left. */
        CommandRun(String[] arguments) {
            this.arguments = arguments;
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

        @Override
        public int execute() {
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
            return describe() + " on GraalWasm";
        }

        /** The run as a shell would show it, the module's name as argv[0]. */
        private String describe() {
            return "'" + module.name() + " " + String.join(" ", List.of(arguments).subList(1, arguments.length)) + "'";
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
