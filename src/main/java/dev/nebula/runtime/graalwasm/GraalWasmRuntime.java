package dev.nebula.runtime.graalwasm;

import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import dev.nebula.BuildInfo;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.CommandForm;
import java.util.List;
import java.util.Optional;
import java.util.EnumSet;
import java.util.Set;

/**
 * GraalWasm with Truffle's optimizing runtime: wasm is interpreted, profiled, then compiled to machine code by the
 * Graal compiler. On a stock JDK that needs the flags its descriptor gives its forks, in the order the JVM needs them;
 * without them GraalWasm silently interprets, so {@link #requireAvailable} and {@link #deploy} refuse to run.
 */
public final class GraalWasmRuntime implements FunctionHost {
    public static final String ID = "graalwasm";
    /**
     * The settling cap of GraalWasm's forks (WarmUp's {@code nebula.warmup.capDefault}, seconds): the Graal compiler,
     * itself JIT-compiled by HotSpot on a stock JDK, compiles the WASI module's 249 functions for 30 to 150 s on 2 cores
     * (docs/profiles/graalwasm-wasi-settle.md), past the 30 s every other runtime gets. An explicit cap still wins.
     */
    static final String SETTLE_CAP = "-Dnebula.warmup.capDefault=180";
    public static final RuntimeDescriptor DESCRIPTOR = new RuntimeDescriptor(ID, Kind.IN_JVM, List.of(Abi.HANDLER, Abi.WASI), Footprint.HEAP, Artifact.of(Artifact.Type.HANDLER_MODULE),
            List.of(BuildInfo.UNLOCK_EXPERIMENTAL, BuildInfo.ENABLE_JVMCI, BuildInfo.GRAAL_UPGRADE_MODULE_PATH, SETTLE_CAP));


    @Override
    public RuntimeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String description() {
        return "GraalWasm " + BuildInfo.GRAALVM_VERSION + " on the optimizing Truffle runtime (Graal JIT), one shared Engine per deployment;"
                + " a WASI command runs once, so its invoke instantiates the module and runs _start";
    }


    /** Throws a {@link dev.nebula.RuntimeUnavailableException} naming the missing flags when GraalWasm would only interpret. */
    @Override
    public void requireAvailable() {
        OptimizingRuntimeGuard.require();
    }

    /** Any WASI command: a user function is deployed as the WASI ABI's module is. */
    @Override
    public Optional<CommandForm> commandForm() {
        return Optional.of(CommandForm.WASM_MODULE);
    }

    @Override
    public Deployment deploy(FunctionArtifact module) {
        requireAvailable();
        return switch (module.abi()) {
            case HANDLER -> new HandlerDeployment(module);
            case WASI, COMMAND -> new WasiDeployment(module);
            default -> throw new IllegalArgumentException("runtime " + ID + " deploys the ABIs " + abis() + ", not " + module.abi());
        };
    }
}
