package dev.nebula.runtime.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.nebula.ModuleException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.cli.Watchdog;

/** The handler ABI on Chicory: each instance is a fresh Chicory instance, its exports looked up once at start. */
final class HandlerDeployment extends ChicoryDeployment {
    private static final CatalogFunction[] FUNCTIONS = CatalogFunction.values();

    HandlerDeployment(ChicoryModule module) {
        super(module);
    }

    @Override
    public FunctionInstance start() {
        requireOpen();
        return new HandlerInstance();
    }

    /** Calls the exports of {@code nebula.wasm}, looked up once at start. */
    private final class HandlerInstance implements FunctionInstance {
        private final ExportFunction[] exports = new ExportFunction[FUNCTIONS.length];
        private final Watchdog.Guard guard = module.guard("a call in");
        private boolean closed;

        HandlerInstance() {
            Instance instance;
            try {
                instance = module.instantiate(null);
            } catch (ChicoryException | StackOverflowError e) {
                guard.close();
                throw new TrapException(module.runtimeId() + ": instantiating " + module.source() + " trapped: " + e, e);
            }
            for (CatalogFunction function : FUNCTIONS) {
                exports[function.ordinal()] = module.exportOf(instance, function);
            }
        }

        @Override
        public long invoke(CatalogFunction function, long n) {
            function.requireValidInput(n);
            if (closed) {
                throw new IllegalStateException(module.runtimeId() + ": this instance is closed; start another");
            }
            ExportFunction export = exports[function.ordinal()];
            if (export == null) {
                throw new ModuleException(module.source() + " does not export " + function.exportName() + ", so it cannot run " + function.id());
            }
            guard.arm();
            try {
                return export.apply(n)[0];
            } catch (ChicoryInterruptedException e) {
                throw module.stopped(guard, function, n, e);
            } catch (ChicoryException | StackOverflowError e) {
                throw module.trap(function, n, e);
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
}
