package dev.nebula.bench;

import dev.nebula.runtime.chicory.ChicoryRuntime;
import dev.nebula.runtime.docker.DockerRuntime;
import dev.nebula.runtime.graalwasm.GraalWasmRuntime;
import dev.nebula.runtime.process.ProcessRuntime;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters of a user function's case ({@link CommandCase}): the runtimes that run user functions, the files, the
 * input and the expected answer. Their benchmark methods are separate from the catalog's, so the catalog's are measured
 * exactly as before; the launcher runs these when {@code -p module} is given and the catalog's otherwise.
 */
@State(Scope.Thread) // JMH reads @Param only in @State classes; each subclass declares its own scope too
public abstract class CommandParams {
    /** The name of the parameter whose presence marks a user-function benchmark. */
    public static final String MODULE = "module";

    /** Every runtime with a {@link dev.nebula.runtime.FunctionHost#commandForm()}, in the registry's order. */
    @Param({ChicoryRuntime.INTERPRETER_ID, ChicoryRuntime.COMPILER_ID, GraalWasmRuntime.ID, WasmtimeRuntime.ID, ProcessRuntime.ID,
            DockerRuntime.ID, DockerRuntime.DEBIAN_ID})
    public String runtime;

    /** The WASI command module's path: {@code -p module=PATH}. */
    @Param({""})
    public String module;

    /** The static binary's path, for the process and container runtimes: {@code -p binary=PATH}. */
    @Param({""})
    public String binary;

    /** The input, a whole number passed as argv[1]: {@code -p n=27}. */
    @Param({""})
    public String n;

    /** The answer every runtime must give, if known: {@code -p expect=111}. */
    @Param({""})
    public String expect;

    protected CommandCase resolve() {
        return CommandCase.of(runtime, module, binary, n, expect);
    }
}
