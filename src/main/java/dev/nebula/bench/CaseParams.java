package dev.nebula.bench;

import dev.nebula.run.Suite;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters every benchmark case shares, {@code runtime} and {@code abi}, with every runtime as the default; each
 * benchmark adds its own {@code fn} and {@code n}. JMH needs the defaults as literals; {@code ParamDefaultsTest} fails
 * when they drift from {@link dev.nebula.runtime.Runtimes#ids()} and {@link dev.nebula.function.CatalogFunction#ids()}, so the
 * registry and the catalog stay the single sources of truth.
 *
 * <p>{@code abi} defaults to {@value Case#DEFAULT_ABI}, each runtime's own first ABI, rather than to a list: JMH
 * runs the cartesian product of all parameters, and most runtimes speak one ABI only, so a list would make
 * cases that cannot exist and fail. Other ABIs are asked for explicitly ({@code -p abi=wasi -p runtime=graalwasm});
 * {@link Suite} adds the thesis's WASI cold starts that way, over the runtimes that speak WASI.
 */
@State(Scope.Thread) // JMH reads @Param only in @State classes; each subclass declares its own scope too
public abstract class CaseParams {
    @Param({"java", "chicory-interp", "chicory-compiler", "chicory-aot", "graalwasm", "wasmtime", "process", "docker", "docker-debian"})
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
