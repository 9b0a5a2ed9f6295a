package dev.nebula.runtime;

import dev.nebula.UnknownIdException;
import dev.nebula.runtime.chicory.ChicoryRuntime;
import dev.nebula.runtime.containerd.ContainerdRuntime;
import dev.nebula.runtime.crun.CrunRuntime;
import dev.nebula.runtime.docker.BaseImage;
import dev.nebula.runtime.docker.DockerRuntime;
import dev.nebula.runtime.dockercli.DockerCliRuntime;
import dev.nebula.runtime.graalwasm.GraalWasmRuntime;
import dev.nebula.runtime.java.JavaRuntime;
import dev.nebula.runtime.process.ProcessRuntime;
import dev.nebula.runtime.runc.RuncRuntime;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The registry: runtime id to runtime. Adding a runtime is one line here. */
public final class Runtimes {
    private record Entry(RuntimeDescriptor descriptor, Supplier<FunctionHost> factory) {}

    private static final Map<String, Entry> BY_ID = new LinkedHashMap<>();

    static {
        register(JavaRuntime.DESCRIPTOR, JavaRuntime::new);
        register(ChicoryRuntime.INTERPRETER, ChicoryRuntime::interpreter);
        register(ChicoryRuntime.COMPILER, ChicoryRuntime::compiler);
        register(ChicoryRuntime.AOT, ChicoryRuntime::aot);
        register(GraalWasmRuntime.DESCRIPTOR, GraalWasmRuntime::new);
        register(WasmtimeRuntime.DESCRIPTOR, WasmtimeRuntime::new);
        register(ProcessRuntime.DESCRIPTOR, ProcessRuntime::new);
        register(DockerCliRuntime.DESCRIPTOR, DockerCliRuntime::new);
        register(BaseImage.SCRATCH.descriptor(), DockerRuntime::scratch);
        register(BaseImage.DEBIAN.descriptor(), DockerRuntime::debian);
        register(ContainerdRuntime.DESCRIPTOR, ContainerdRuntime::new);
        register(RuncRuntime.DESCRIPTOR, RuncRuntime::new);
        register(CrunRuntime.DESCRIPTOR, CrunRuntime::new);
    }

    private Runtimes() {}

    private static void register(RuntimeDescriptor descriptor, Supplier<FunctionHost> factory) {
        if (BY_ID.putIfAbsent(descriptor.id(), new Entry(descriptor, factory)) != null) {
            throw new IllegalStateException("two runtimes share the id " + descriptor.id());
        }
    }

    /** The descriptor of the runtime with this id; an unknown id is an error that lists the valid ones. */
    public static RuntimeDescriptor descriptor(String id) {
        Entry entry = BY_ID.get(canonical(id));
        if (entry == null) {
            throw new UnknownIdException("runtime", id, ids());
        }
        return entry.descriptor();
    }

    /** Every runtime's descriptor, in the README's order. */
    public static List<RuntimeDescriptor> descriptors() {
        return BY_ID.values().stream().map(Entry::descriptor).toList();
    }

    /** The ids of the runtimes of one kind, in the README's order. */
    public static List<String> ids(RuntimeDescriptor.Kind kind) {
        return descriptors().stream().filter(d -> d.kind() == kind).map(RuntimeDescriptor::id).toList();
    }

    /** The runtime with this id; an unknown id is an error that lists the valid ones. */
    public static FunctionHost byId(String id) {
        Entry entry = BY_ID.get(canonical(id));
        if (entry == null) {
            throw new UnknownIdException("runtime", id, ids());
        }
        return entry.factory().get();
    }

    /** The runtimes that run the functions inside the JVM that hosts them, calling their exports in-process. */
    public static List<String> inJvmIds() {
        return ids(RuntimeDescriptor.Kind.IN_JVM);
    }

    /** A runtime id in its one spelling: trimmed, lower case, as the registry holds it. */
    public static String canonical(String id) {
        return id.strip().toLowerCase(Locale.ROOT);
    }

    /** Every runtime id, in the order the README's table lists them. */
    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }
}
