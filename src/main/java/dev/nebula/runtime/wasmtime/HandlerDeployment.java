package dev.nebula.runtime.wasmtime;

import dev.nebula.ModuleException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.ResultKind;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmtimeException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The handler ABI on Wasmtime: each instance is a fresh {@link Store} holding one instance of the compiled module
 * (its own linear memory); invoke calls an export. Every native object is freed at close: Wasmtime keeps an
 * instance's memory reserved until its store is dropped, and without that a JVM runs out after ~16,000 instances.
 */
final class HandlerDeployment implements Deployment {
    private static final CatalogFunction[] FUNCTIONS = CatalogFunction.values();

    private final EpochEngineModule module;
    private volatile boolean closed;

    /** Proves, by a trial instance, that the module instantiates with no imports and exports some catalog function. */
    HandlerDeployment(EpochEngineModule module) {
        this.module = module;
        try (HandlerInstance trial = instantiate()) {
            if (Arrays.stream(FUNCTIONS).noneMatch(trial::exports)) {
                throw new ModuleException("the module " + module.source() + " exports none of the functions "
                        + Arrays.stream(FUNCTIONS).map(CatalogFunction::exportName).toList() + " that the handler ABI calls");
            }
        } catch (WasmtimeException e) {
            module.close();
            throw new ModuleException("Wasmtime cannot instantiate the module " + module.source() + " for the handler ABI"
                    + " (which provides no imports): " + EpochEngineModule.oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
    }

    /** The cold start: a fresh store, the module instantiated in it. Exports are looked up on first use. */
    @Override
    public FunctionInstance start() {
        if (closed) {
            throw new IllegalStateException("wasmtime: this deployment of " + module.source() + " is closed; deploy again");
        }
        try {
            return instantiate();
        } catch (WasmtimeException e) {
            throw module.translate(e, "the instantiation of " + module.name());
        }
    }

    private HandlerInstance instantiate() {
        Store<Void> store = new Store<>(null, module.engine());
        try {
            long armedAt = module.arm(store, EpochEngineModule.NEVER_ARMED); // a start function would run under the limit too
            return new HandlerInstance(store, new io.github.kawamuray.wasmtime.Instance(store, module.compiled(), List.of()), armedAt);
        } catch (RuntimeException e) {
            store.dispose();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        module.close();
    }

    private final class HandlerInstance implements FunctionInstance {
        private final Store<Void> store;
        private final io.github.kawamuray.wasmtime.Instance instance;
        /** By function ordinal, looked up on first use: an instance pays only for the exports it calls. */
        private final Func[] exports = new Func[FUNCTIONS.length];
        private final boolean[] lookedUp = new boolean[FUNCTIONS.length];
        private long armedAt;
        private boolean closed;

        HandlerInstance(Store<Void> store, io.github.kawamuray.wasmtime.Instance instance, long armedAt) {
            this.store = store;
            this.instance = instance;
            this.armedAt = armedAt;
        }

        boolean exports(CatalogFunction function) {
            return export(function) != null;
        }

        private Func export(CatalogFunction function) {
            int index = function.ordinal();
            if (!lookedUp[index]) {
                Optional<Func> found = instance.getFunc(store, function.exportName());
                exports[index] = found.orElse(null);
                lookedUp[index] = true;
            }
            return exports[index];
        }

        @Override
        public long invoke(CatalogFunction function, long n) {
            function.requireValidInput(n);
            if (closed) {
                throw new IllegalStateException("wasmtime: this instance is closed; start another");
            }
            Func export = export(function);
            if (export == null) {
                throw new ModuleException(module.name() + " does not export '" + function.exportName() + "', needed for " + function.id());
            }
            Val result;
            try {
                armedAt = module.arm(store, armedAt);
                result = export.call(store, Val.fromI64(n))[0];
            } catch (RuntimeException e) {
                throw module.translate(e, function.id() + "(" + n + ") in " + module.name());
            }
            return function.resultKind() == ResultKind.F64 ? Double.doubleToRawLongBits(result.f64()) : result.i64();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (Func export : exports) {
                if (export != null) {
                    export.dispose();
                }
            }
            instance.dispose();
            store.dispose();
        }
    }
}
