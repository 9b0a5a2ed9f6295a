package dev.nebula.bench;

import dev.nebula.runtime.chicory.ChicoryRuntime;
import dev.nebula.runtime.containerd.ContainerdRuntime;
import dev.nebula.runtime.crun.CrunRuntime;
import dev.nebula.runtime.docker.DockerRuntime;
import dev.nebula.runtime.dockercli.DockerCliRuntime;
import dev.nebula.runtime.graalwasm.GraalWasmRuntime;
import dev.nebula.runtime.java.JavaRuntime;
import dev.nebula.runtime.process.ProcessRuntime;
import dev.nebula.runtime.runc.RuncRuntime;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters every benchmark case shares, {@code runtime} and {@code abi}, with every runtime as the default; each
 * benchmark adds its own {@code fn} and {@code n} where it has them. JMH needs the defaults as compile-time constants,
 * so the list names each runtime's id constant; {@code ParamDefaultsTest} fails when a registered runtime is missing,
 * so the registry stays the single source of truth.
 *
 * <p>{@code abi} defaults to {@value Case#DEFAULT_ABI}, each runtime's own first ABI, rather than to a list: JMH
 * runs the cartesian product of all parameters, and most runtimes speak one ABI only, so a list would make
 * cases that cannot exist and fail. Other ABIs are asked for explicitly ({@code -p abi=wasi -p runtime=graalwasm});
 * {@code Suite} adds the thesis's WASI cold starts that way, over the runtimes that speak WASI.
 */
@State(Scope.Thread) // JMH reads @Param only in @State classes; each subclass declares its own scope too
public abstract class CaseParams {
    @Param({JavaRuntime.ID, ChicoryRuntime.INTERPRETER_ID, ChicoryRuntime.COMPILER_ID, ChicoryRuntime.AOT_ID, GraalWasmRuntime.ID,
            WasmtimeRuntime.ID, ProcessRuntime.ID, DockerCliRuntime.ID, DockerRuntime.ID, DockerRuntime.DEBIAN_ID, ContainerdRuntime.ID,
            RuncRuntime.ID, CrunRuntime.ID})
    public String runtime;

    @Param({Case.DEFAULT_ABI})
    public String abi;

    /**
     * The case these parameters name for function {@code fn} at input {@code n}; throws, listing valid values, for a bad
     * one. Each benchmark declares its own {@code fn} and {@code n}, as the cases worth measuring by default differ.
     */
    protected Case resolve(String fn, String n) {
        return Case.of(runtime, fn, n, abi);
    }
}
