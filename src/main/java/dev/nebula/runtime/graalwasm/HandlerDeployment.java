package dev.nebula.runtime.graalwasm;

import dev.nebula.ModuleException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.ResultKind;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.FunctionArtifact;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/** The handler ABI on GraalWasm: each instance is a fresh context holding one instance of the module; invoke calls an export. */
final class HandlerDeployment implements Deployment {
    private final SharedEngineModule module;

    HandlerDeployment(FunctionArtifact module) {
        this.module = new SharedEngineModule(module, UnaryOperator.identity(), HandlerDeployment::requireSomeFunction);
    }

    /** A module exporting none of the catalog's functions is the wrong module (e.g. the WASI one); single missing exports fail at invoke. */
    private static void requireSomeFunction(Value exports) {
        if (Arrays.stream(CatalogFunction.values()).noneMatch(function -> exports.hasMember(function.exportName()))) {
            throw new ModuleException("the module exports none of the functions "
                    + Arrays.stream(CatalogFunction.values()).map(CatalogFunction::exportName).toList() + "; it exports " + exports.getMemberKeys());
        }
    }

    /** The cold start: a new context on the shared engine, the module instantiated in it, its exports looked up once. */
    @Override
    public FunctionInstance start() {
        Context context = module.newContext(UnaryOperator.identity());
        try {
            Value exports = module.instantiate(context);
            Value[] byFunction = new Value[CatalogFunction.values().length];
            for (CatalogFunction function : CatalogFunction.values()) {
                byFunction[function.ordinal()] = exports.hasMember(function.exportName()) ? exports.getMember(function.exportName()) : null;
            }
            return new HandlerInstance(module.name(), context, byFunction, module.guard("a call in " + module.name() + " on GraalWasm", context));
        } catch (PolyglotException e) {
            context.close();
            throw Traps.translate(e, "the instantiation of " + module.name());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    public void close() {
        module.close();
    }

    private static final class HandlerInstance implements FunctionInstance {
        private final String moduleName;
        private final Context context;
        private final Value[] exports;
        private final ContextGuard guard;

        HandlerInstance(String moduleName, Context context, Value[] exports, ContextGuard guard) {
            this.moduleName = moduleName;
            this.context = context;
            this.exports = exports;
            this.guard = guard;
        }

        @Override
        public long invoke(CatalogFunction function, long n) {
            function.requireValidInput(n);
            Value export = exports[function.ordinal()];
            if (export == null) {
                throw new ModuleException(moduleName + " does not export '" + function.exportName() + "', needed for " + function.id());
            }
            Value result;
            guard.arm();
            try {
                result = export.execute(n);
            } catch (PolyglotException e) {
                throw guard.stoppedOrTrap(e, function.id() + "(" + n + ")", "");
            } finally {
                guard.disarm();
            }
            return function.resultKind() == ResultKind.F64 ? Double.doubleToRawLongBits(result.asDouble()) : result.asLong();
        }

        @Override
        public void close() {
            guard.close();
            context.close();
        }
    }
}
