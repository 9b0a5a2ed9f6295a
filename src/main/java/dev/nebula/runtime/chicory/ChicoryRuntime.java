package dev.nebula.runtime.chicory;

import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import java.util.List;
import dev.nebula.BuildInfo;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.InvocationTimeout;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.CommandForm;
import java.util.Optional;

/**
 * Chicory, the pure-Java WebAssembly runtime, in one of its three modes. The mode is a value (a
 * {@link ChicoryMode}: how deploy turns a module into a machine factory); deployment, instances and both ABIs are
 * shared, so the three runtimes differ only in the machine that runs the wasm code.
 */
public final class ChicoryRuntime implements FunctionHost {
    public static final String INTERPRETER_ID = "chicory-interp";
    public static final String COMPILER_ID = "chicory-compiler";
    public static final String AOT_ID = "chicory-aot";
    public static final RuntimeDescriptor INTERPRETER = inJvm(INTERPRETER_ID, Artifact.Type.HANDLER_MODULE);
    public static final RuntimeDescriptor COMPILER = inJvm(COMPILER_ID, Artifact.Type.HANDLER_MODULE);
    public static final RuntimeDescriptor AOT = inJvm(AOT_ID, Artifact.Type.AOT_CLASSES);

    private final RuntimeDescriptor descriptor;
    private final String description;
    private final ChicoryMode mode;

    private ChicoryRuntime(RuntimeDescriptor descriptor, String machine, ChicoryMode mode) {
        this.descriptor = descriptor;
        this.description = "Chicory " + BuildInfo.CHICORY_VERSION + " " + machine
                + "; WASI: each invoke instantiates the command and runs _start once, so cold and warm have the same shape";
        this.mode = mode;
    }

    /** Chicory's interpreter: wasm instructions executed one by one. */
    public static ChicoryRuntime interpreter() {
        return new ChicoryRuntime(INTERPRETER, "interpreter", ChicoryMode.INTERPRETER);
    }

    /** Chicory's runtime compiler: wasm to JVM bytecode once at deploy, never falling back to the interpreter. */
    public static ChicoryRuntime compiler() {
        return new ChicoryRuntime(COMPILER,
                "runtime compiler: wasm to JVM bytecode once at deploy, interpreter fallback FAIL", ChicoryMode.COMPILER);
    }

    /** Chicory's build-time compiler: the bundled modules were compiled to JVM classes by the Maven build. */
    public static ChicoryRuntime aot() {
        return new ChicoryRuntime(AOT,
                "build-time compiler: chicory-compiler-maven-plugin compiled the bundled nebula.wasm and nebula-wasi.wasm into the jar,"
                        + " interpreter fallback FAIL; deploys only those two", ChicoryMode.BUILD_TIME_COMPILER);
    }

    private static RuntimeDescriptor inJvm(String id, Artifact.Type artifact) {
        return new RuntimeDescriptor(id, Kind.IN_JVM, List.of(Abi.HANDLER, Abi.WASI), Footprint.HEAP, Artifact.of(artifact));
    }

    @Override
    public RuntimeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String description() {
        return description;
    }


    @Override
    public boolean deploysAnyModule() {
        return mode.deploysAnyModule();
    }

    /** The interpreter and the runtime compiler run any WASI command; the build-time compiler only its own modules. */
    @Override
    public Optional<CommandForm> commandForm() {
        return mode.deploysAnyModule() ? Optional.of(CommandForm.WASM_MODULE) : Optional.empty();
    }

    @Override
    public Deployment deploy(FunctionArtifact module) {
        if (module.abi() == Abi.COMMAND && commandForm().isEmpty()) {
            throw new IllegalArgumentException(id() + " cannot run user functions: it runs only the modules compiled into it at build time;"
                    + " run them with " + COMPILER_ID);
        }
        if (!abis().contains(module.abi()) && module.abi() != Abi.COMMAND) {
            throw new IllegalArgumentException("runtime " + id() + " deploys the ABIs " + abis() + ", not " + module.abi());
        }
        return ChicoryDeployment.of(id(), mode, module, InvocationTimeout.configured());
    }

    @Override
    public String toString() {
        return id();
    }
}
