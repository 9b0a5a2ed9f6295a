package dev.nebula.runtime;

import dev.nebula.UnknownIdException;
import dev.nebula.runtime.chicory.ChicoryRuntime;
import dev.nebula.runtime.docker.DockerRuntime;
import dev.nebula.runtime.graalwasm.GraalWasmRuntime;
import dev.nebula.runtime.java.JavaRuntime;
import dev.nebula.runtime.process.ProcessRuntime;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The registry: runtime id to runtime. Adding a runtime is one line here. */
public final class Runtimes {
    private static final Map<String, Supplier<FunctionHost>> BY_ID = new LinkedHashMap<>();

    static {
        register(JavaRuntime.ID, JavaRuntime::new);
        register(ChicoryRuntime.INTERPRETER_ID, ChicoryRuntime::interpreter);
        register(ChicoryRuntime.COMPILER_ID, ChicoryRuntime::compiler);
        register(ChicoryRuntime.AOT_ID, ChicoryRuntime::aot);
        register(GraalWasmRuntime.ID, GraalWasmRuntime::new);
        register(WasmtimeRuntime.ID, WasmtimeRuntime::new);
        register(ProcessRuntime.ID, ProcessRuntime::new);
        register(DockerRuntime.ID, DockerRuntime::scratch);
        register(DockerRuntime.DEBIAN_ID, DockerRuntime::debian);
    }

    private Runtimes() {}

    private static void register(String id, Supplier<FunctionHost> factory) {
        BY_ID.put(id, factory);
    }

    /** The runtime with this id; an unknown id is an error that lists the valid ones. */
    public static FunctionHost byId(String id) {
        Supplier<FunctionHost> factory = BY_ID.get(id.strip());
        if (factory == null) {
            throw new UnknownIdException("runtime", id, ids());
        }
        return factory.get();
    }

    /**
     * The runtimes that run the functions inside the JVM that hosts them: those that speak the handler ABI, whose
     * exports are called in-process (a process or a container answers over a pipe or a socket, so it cannot).
     */
    public static List<String> inJvmIds() {
        return BY_ID.entrySet().stream()
                .filter(entry -> entry.getValue().get().abis().contains(Abi.HANDLER))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Every runtime id, in the order the README's table lists them. */
    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }
}
