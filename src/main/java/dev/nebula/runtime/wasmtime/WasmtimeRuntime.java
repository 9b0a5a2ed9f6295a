package dev.nebula.runtime.wasmtime;

import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import dev.nebula.BuildInfo;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.InvocationTimeout;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.CommandForm;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Wasmtime, the thesis's own runtime: Cranelift compiles the module to machine code once at deploy, and every
 * instance is a fresh native {@code Store} and {@code Instance} on it, reached through wasmtime-java's JNI bindings.
 * Time limits use epoch interruption: a ticker thread advances the engine's epoch, and each call carries a deadline.
 */
public final class WasmtimeRuntime implements FunctionHost {
    public static final String ID = "wasmtime";
    public static final RuntimeDescriptor DESCRIPTOR = new RuntimeDescriptor(ID, Kind.IN_JVM, List.of(Abi.HANDLER, Abi.WASI), Footprint.NATIVE, Artifact.of(Artifact.Type.HANDLER_MODULE));

    private static final Set<Abi> ABIS = Collections.unmodifiableSet(EnumSet.of(Abi.HANDLER, Abi.WASI));

    private final Duration timeout;
    /** Where deploys load compiled code from, or null: each deploy compiles. */
    private final CompileCache compileCache;

    /** With the time limit of {@code -Dnebula.timeout} ({@link InvocationTimeout}). */
    public WasmtimeRuntime() {
        this(InvocationTimeout.configured());
    }

    /** @param timeout how long one call may run before Wasmtime interrupts it ({@link dev.nebula.InvocationTimeoutException}) */
    public WasmtimeRuntime(Duration timeout) {
        this(timeout, null);
    }

    private WasmtimeRuntime(Duration timeout, CompileCache compileCache) {
        if (Objects.requireNonNull(timeout).isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        this.compileCache = compileCache;
    }

    /**
     * This runtime with Wasmtime's compilation cache: each deploy makes a new engine, as every deploy does, and loads
     * the module's code from {@code cache} when an earlier deploy stored it there. The caller owns and closes the cache.
     */
    public WasmtimeRuntime withCompileCache(CompileCache cache) {
        return new WasmtimeRuntime(timeout, Objects.requireNonNull(cache));
    }


    @Override
    public RuntimeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String description() {
        return "Wasmtime " + BuildInfo.WASMTIME_VERSION + " (Cranelift) through wasmtime-java " + BuildInfo.WASMTIME_JAVA_VERSION
                + " (JNI): one Engine and compiled FunctionArtifact per deployment, a fresh Store and Instance per instance;"
                + " a WASI command runs once, so its invoke instantiates the module and runs _start"
                + (compileCache == null ? "" : "; deploys load the compiled code from " + compileCache + " when it holds it");
    }


    /** Throws a {@link dev.nebula.RuntimeUnavailableException} saying why when Wasmtime's native library cannot load here. */
    @Override
    public void requireAvailable() {
        NativeLibrary.require();
    }

    /** Any WASI command: a user function is deployed as the WASI ABI's module is. */
    @Override
    public Optional<CommandForm> commandForm() {
        return Optional.of(CommandForm.WASM_MODULE);
    }

    @Override
    public Deployment deploy(FunctionArtifact module) {
        if (!ABIS.contains(module.abi()) && module.abi() != Abi.COMMAND) {
            throw new IllegalArgumentException("runtime " + ID + " deploys the ABIs " + ABIS + ", not " + module.abi());
        }
        requireAvailable();
        return switch (module.abi()) {
            case HANDLER -> new HandlerDeployment(new EpochEngineModule(module, timeout, compileCache));
            case WASI, COMMAND -> new WasiDeployment(new EpochEngineModule(module, timeout, compileCache));
            default -> throw new IllegalStateException("unreachable: " + module.abi());
        };
    }

    @Override
    public String toString() {
        return ID;
    }
}
