package dev.nebula.runtime.graalwasm;

import dev.nebula.ModuleException;
import dev.nebula.runtime.FunctionArtifact;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import dev.nebula.runtime.InvocationTimeout;
import java.time.Duration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * A module deployed on GraalWasm: one {@link Engine} per deployment, shared by every instance's {@link Context},
 * so the module is parsed once and the machine code Truffle compiles for it is reused by every later instance.
 */
final class SharedEngineModule implements AutoCloseable {
    private final String name;
    private final Engine engine;
    private final Source source;
    private final UnaryOperator<Context.Builder> contextOptions;
    private final Duration timeout = InvocationTimeout.configured();

    /**
     * Parses and validates the module once, by instantiating it in a throwaway context: a corrupt or truncated
     * module is a {@link ModuleException} here, never at the first request. {@code contextOptions} configures every
     * context of this deployment (e.g. the WASI builtins), so all of them can share the engine's code;
     * {@code requireExports} throws a {@link ModuleException} when the exports do not fit the ABI.
     */
    SharedEngineModule(FunctionArtifact module, UnaryOperator<Context.Builder> contextOptions, Consumer<Value> requireExports) {
        this.name = module.name();
        this.contextOptions = contextOptions;
        this.source = Source.newBuilder("wasm", ByteSequence.create(module.bytes()), module.name()).buildLiteral();
        this.engine = Engine.newBuilder("wasm").build();
        try (Context context = newContext(UnaryOperator.identity())) {
            requireExports.accept(instantiate(context));
        } catch (PolyglotException e) {
            engine.close();
            throw new ModuleException("GraalWasm cannot load the module " + module + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    /** A fresh context bound to the shared engine; {@code perContext} adds what differs per instance (args, streams). */
    Context newContext(UnaryOperator<Context.Builder> perContext) {
        return perContext.apply(contextOptions.apply(Context.newBuilder("wasm").engine(engine))).build();
    }

    /** The time limit of the calls in {@code context}: see {@link ContextGuard}. */
    ContextGuard guard(String what, Context context) {
        return new ContextGuard(what, timeout, context);
    }

    /** Instantiates the module in {@code context} (the engine's cached parse) and returns its exports. */
    Value instantiate(Context context) {
        return context.eval(source).newInstance().getMember("exports");
    }

    @Override
    public void close() {
        engine.close();
    }
}
