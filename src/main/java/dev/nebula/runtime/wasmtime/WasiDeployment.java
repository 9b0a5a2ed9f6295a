package dev.nebula.runtime.wasmtime;

import dev.nebula.ModuleException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.CommandAnswer;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.WasiCommandRun;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.ImportType;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.WasmtimeException;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A WASI command on Wasmtime: {@code nebula-wasi.wasm} run like {@code nebula <fn> <n>} (the {@link Abi#WASI} ABI), or a
 * user function run like {@code <name> <n>} (the {@link Abi#COMMAND} ABI), with its output captured. A
 * command runs {@code _start} once and its arguments are fixed in its WASI context, so every request builds a WASI
 * context, a store and a linker, instantiates the compiled module and runs {@code _start}: the thesis's shape.
 * wasmtime-java sends stdout and stderr only to files, so each live instance holds its own pair in the deployment's
 * private directory, truncated by every run. A closed instance hands its pair to the next one: making and deleting
 * two files per request would cost more than the rest of the WASI set-up. The deployment deletes them all at close.
 */
final class WasiDeployment implements Deployment {
    /** argv[0], as a shell would pass it. */
    static final String PROGRAM_NAME = "nebula";
    private static final String ENTRY_POINT = "_start";

    /**
     * Where the output files go: memory-backed /dev/shm where there is one. On a disk file system, truncating a file
     * that holds the last run's output makes ext4 flush at close (auto_da_alloc): milliseconds on a busy disk.
     */
    static final Path OUTPUT_PARENT = Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))
            ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));

    private final EpochEngineModule module;
    /** What the module imports, resolved in each request's linker (WASI defines every one of them, or deploy fails). */
    private final List<ImportType> imports;
    private final Path outputDirectory;
    private final AtomicLong outputCount = new AtomicLong();
    /** Output files of closed instances, ready for the next. */
    private final Queue<OutputFiles> freeOutputs = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** Proves, by a trial run's set-up, that the module links against WASI and is a command (exports {@code _start}). */
    WasiDeployment(EpochEngineModule module) {
        this.module = module;
        try {
            this.imports = List.of(module.compiled().imports());
            this.outputDirectory = Files.createTempDirectory(OUTPUT_PARENT, "nebula-wasmtime-");
        } catch (IOException e) {
            module.close();
            throw new UncheckedIOException("cannot make a directory for the WASI output of " + module.source(), e);
        }
        try (WasiInstance trial = new WasiInstance(); CommandRun run = trial.prepare(List.of(PROGRAM_NAME))) {
            run.instantiate();
        } catch (WasmtimeException e) {
            close();
            throw new ModuleException("Wasmtime cannot instantiate the module " + module.source() + " as a WASI command: "
                    + EpochEngineModule.oneLine(String.valueOf(e.getMessage())), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** An instance owns its output files; each invoke runs the command afresh. */
    @Override
    public FunctionInstance start() {
        if (closed) {
            throw new IllegalStateException("wasmtime: this deployment of " + module.source() + " is closed; deploy again");
        }
        return new WasiInstance();
    }

    /**
     * One request: {@code context} (WASI context, store, linker), {@code instantiate} (the module instance, nothing of
     * {@code _start} run), {@code run} ({@code _start} to its exit, stdout read and parsed), {@code close}.
     */
    @Override
    public long coldInvoke(CatalogFunction function, long n, Phases phases) {
        function.requireValidInput(n);
        return WasiCommandRun.timed(() -> coldRun(catalogArguments(function, n)), function, phases);
    }

    /** A user function's request, with the phases of {@link #coldInvoke}. */
    @Override
    public String coldInvokeText(long n, Phases phases) {
        requireCommand();
        return WasiCommandRun.timedText(() -> coldRun(userArguments(n)), phases);
    }

    /** A run on an instance of its own, which the run closes: the instance's start and close are the request's. */
    private CommandRun coldRun(List<String> arguments) {
        WasiInstance instance = (WasiInstance) start();
        try {
            return new CommandRun(instance, arguments, true);
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
    }

    private static List<String> catalogArguments(CatalogFunction function, long n) {
        return List.of(PROGRAM_NAME, function.id(), Long.toString(n));
    }

    private List<String> userArguments(long n) {
        return CommandAnswer.arguments(module.name(), n);
    }

    private void requireCommand() {
        if (module.source().abi() != Abi.COMMAND) {
            Deployment.super.coldInvokeText(0, Phases.IGNORED); // throws: the catalog's module answers numbers
        }
    }

    @Override
    public void close() {
        closed = true;
        module.close();
        if (outputDirectory != null) {
            try (Stream<Path> files = Files.walk(outputDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + outputDirectory, e);
            }
        }
    }

    /** Where one instance's command writes; the files exist once a run's WASI context has been built. */
    private record OutputFiles(Path stdout, Path stderr) {}

    private final class WasiInstance implements FunctionInstance {
        private final OutputFiles output;
        private boolean closed;

        WasiInstance() {
            OutputFiles free = freeOutputs.poll();
            if (free == null) {
                long id = outputCount.incrementAndGet();
                free = new OutputFiles(outputDirectory.resolve(id + ".out"), outputDirectory.resolve(id + ".err"));
            }
            this.output = free;
        }

        @Override
        public long invoke(CatalogFunction function, long n) {
            function.requireValidInput(n);
            return WasiCommandRun.once(() -> prepare(catalogArguments(function, n)), function);
        }

        @Override
        public String invokeText(long n) {
            requireCommand();
            return WasiCommandRun.onceText(() -> prepare(userArguments(n)));
        }

        /** A run's WASI context, store and linker, with the module's imports resolved; the output files truncated. */
        CommandRun prepare(List<String> arguments) {
            if (closed) {
                throw new IllegalStateException("wasmtime: this instance is closed; start another");
            }
            return new CommandRun(this, arguments, false);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            freeOutputs.add(output);
        }
    }

    /**
     * One run of the command, and every native object it made, freed at close in the reverse order of making; a cold
     * run also closes its instance.
     */
    private final class CommandRun implements WasiCommandRun {
        private final WasiInstance owner;
        private final boolean closesOwner;
        private final List<String> arguments;
        private final Store<Void> store;
        private final Linker linker;
        private final List<Extern> externs = new ArrayList<>();
        private io.github.kawamuray.wasmtime.Instance instance;
        private Func entryPoint;
        private long armedAt = EpochEngineModule.NEVER_ARMED;

        CommandRun(WasiInstance owner, List<String> arguments, boolean closesOwner) {
            this.owner = owner;
            this.arguments = arguments;
            this.closesOwner = closesOwner;
            WasiCtx wasi = new WasiCtxBuilder()
                    .args(arguments)
                    .stdout(owner.output.stdout())
                    .stderr(owner.output.stderr())
                    .build();
            this.store = new Store<>(null, module.engine(), wasi); // the store owns the context from here on
            Linker made = null;
            try {
                made = new Linker(module.engine());
                WasiCtx.addToLinker(made);
                for (ImportType wanted : imports) {
                    externs.add(made.get(store, wanted.module(), wanted.name()).orElseThrow(() -> new ModuleException(
                            "the module " + module.source() + " imports " + wanted.module() + "." + wanted.name()
                                    + ", which WASI preview 1 does not provide")));
                }
            } catch (RuntimeException e) {
                freeExterns();
                if (made != null) {
                    made.dispose();
                }
                store.dispose();
                throw e;
            }
            this.linker = made;
        }

        /** Creates the module instance, linked to this run's WASI; runs nothing of {@code _start}. */
        @Override
        public void instantiate() {
            armedAt = module.arm(store, armedAt);
            instance = new io.github.kawamuray.wasmtime.Instance(store, module.compiled(), externs);
            entryPoint = instance.getFunc(store, ENTRY_POINT).orElseThrow(() -> new ModuleException(
                    "the module " + module.source() + " is not a WASI command: it exports no " + ENTRY_POINT));
        }

        /** Runs {@code _start} to its exit; returns its exit code. */
        @Override
        public int execute() {
            int exitCode = 0;
            try {
                armedAt = module.arm(store, armedAt);
                entryPoint.call(store);
            } catch (WasmFunctionError.I32ExitError e) {
                exitCode = e.exitCode();
            } catch (RuntimeException e) {
                throw module.translate(e, describe());
            }
            return exitCode;
        }

        @Override
        public String stdout() {
            return read(owner.output.stdout());
        }

        @Override
        public String stderr() {
            return read(owner.output.stderr());
        }

        @Override
        public String what() {
            return describe() + " on Wasmtime";
        }

        /** The run as a shell would show it, the module's name as argv[0]. */
        private String describe() {
            return "'" + module.name() + " " + String.join(" ", arguments.subList(1, arguments.size())) + "'";
        }

        private static String read(Path file) {
            try {
                return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the WASI command's output " + file, e);
            }
        }

        private void freeExterns() {
            for (Extern linked : externs) {
                if (linked.type() == Extern.Type.FUNC) {
                    linked.func().dispose();
                }
            }
        }

        @Override
        public void close() {
            try {
                if (entryPoint != null) {
                    entryPoint.dispose();
                }
                if (instance != null) {
                    instance.dispose();
                }
                freeExterns();
                linker.dispose();
                store.dispose();
            } finally {
                if (closesOwner) {
                    owner.close();
                }
            }
        }
    }
}
