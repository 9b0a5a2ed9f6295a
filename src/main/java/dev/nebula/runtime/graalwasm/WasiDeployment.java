package dev.nebula.runtime.graalwasm;

import dev.nebula.ModuleException;
import dev.nebula.TrapException;
import dev.nebula.function.Function;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.Instance;
import dev.nebula.runtime.Module;
import dev.nebula.runtime.cli.CliProtocol;
import dev.nebula.runtime.cli.Watchdog;
import dev.nebula.runtime.Phases;
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

    WasiDeployment(Module module) {
        this.module = new SharedEngineModule(module, builder -> builder.option("wasm.Builtins", WASI_BUILTINS), WasiDeployment::requireEntryPoint);
    }

    private static void requireEntryPoint(Value exports) {
        if (!exports.hasMember(ENTRY_POINT)) {
            throw new ModuleException("the module is not a WASI command: it has no " + ENTRY_POINT + " export; it exports " + exports.getMemberKeys());
        }
    }

    /** Nothing to start yet: a command's instance needs the request's arguments, so {@link Instance#invoke} instantiates it. */
    @Override
    public Instance start() {
        return new WasiInstance();
    }

    /** One request, with the phases where the work really happens: instantiation, {@code _start}, and closing the context. */
    @Override
    public long coldInvoke(Function function, long n, Phases phases) {
        phases.begin();
        function.requireValidInput(n);
        try (CommandRun run = new CommandRun(function, n)) {
            phases.mark(START);
            long result = run.run();
            phases.mark(INVOKE);
            return result;
        } finally {
            phases.mark(CLOSE);
        }
    }

    @Override
    public void close() {
        module.close();
    }

    private final class WasiInstance implements Instance {
        @Override
        public long invoke(Function function, long n) {
            function.requireValidInput(n);
            try (CommandRun run = new CommandRun(function, n)) {
                return run.run();
            }
        }

        @Override
        public void close() {}
    }

    /** One run of the command: a fresh context with its arguments and captured streams, the module instantiated in it. */
    private final class CommandRun implements AutoCloseable {
        private final Function function;
        private final long n;
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final Context context;
        private final Value entryPoint;

        CommandRun(Function function, long n) {
            this.function = function;
            this.n = n;
            String[] arguments = {PROGRAM_NAME, function.id(), Long.toString(n)};
            this.context = module.newContext(builder -> builder.arguments("wasm", arguments)
                    .in(InputStream.nullInputStream()).out(stdout).err(stderr));
            try {
                this.entryPoint = module.instantiate(context).getMember(ENTRY_POINT);
            } catch (PolyglotException e) {
                context.close();
                throw Traps.translate(e, describe(), stderrNote());
            }
        }

        /** Runs {@code _start}; a non-zero exit is a {@link TrapException} carrying stderr. Returns the printed result's bits. */
        long run() {
            int exitCode = 0;
            Watchdog.Guard guard = module.guard("the run " + describe() + " on GraalWasm", context);
            guard.arm();
            try {
                entryPoint.executeVoid();
            } catch (PolyglotException e) {
                if (!e.isExit()) {
                    throw SharedEngineModule.stoppedOrTrap(e, guard, describe(), stderrNote());
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
