package dev.nebula.report;

import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import dev.nebula.runtime.Runtimes;
import dev.nebula.runtime.docker.DockerRuntime;
import dev.nebula.runtime.java.JavaRuntime;
import dev.nebula.runtime.process.ProcessRuntime;
import dev.nebula.runtime.wasmtime.WasmtimeRuntime;
import java.util.List;
import java.util.Optional;

/**
 * The parts runtimes play in the report, read from the registry's descriptors so that a new runtime takes its part
 * without an edit here. A result file may name a runtime this build no longer registers: it plays no part.
 */
final class RuntimeRoles {
    /** Plain Java: every speed ratio is taken to it. */
    static final String BASELINE = JavaRuntime.ID;
    /** The thesis measured Wasmtime against Docker: its pair, which the README sets beside the fair one. */
    static final String THESIS_WASM = WasmtimeRuntime.ID;
    static final String THESIS_CONTAINER = DockerRuntime.ID;
    /** The thesis compared wasm with a container and with the same binary as a plain process. */
    static final List<String> THESIS_BASELINES = List.of(THESIS_CONTAINER, ProcessRuntime.ID);

    private RuntimeRoles() {}

    private static Optional<RuntimeDescriptor> descriptor(String id) {
        return Runtimes.descriptors().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** A runtime's kind from its descriptor; empty for an id this build does not register. */
    static Optional<Kind> kind(String id) {
        return descriptor(id).map(RuntimeDescriptor::kind);
    }

    /** Runtimes that run WebAssembly inside the JVM: the thesis's side of its comparison (plain Java deploys nothing). */
    static boolean isWasm(String id) {
        return descriptor(id).filter(d -> d.kind() == Kind.IN_JVM && d.artifact().type() != Artifact.Type.NONE).isPresent();
    }

    /** Runtimes whose every cold request is a new OS process: the native process and the containers, in registry order. */
    static List<String> ownProcess() {
        return Runtimes.descriptors().stream().filter(d -> d.kind() == Kind.PROCESS || d.kind() == Kind.CONTAINER)
                .map(RuntimeDescriptor::id).toList();
    }

    /** Runtimes whose JVM needs flags of its own (GraalWasm's JVMCI and module path), which rule out an AOT cache. */
    static List<String> withOwnJvmFlags() {
        return Runtimes.descriptors().stream().filter(d -> !d.forkJvmFlags().isEmpty()).map(RuntimeDescriptor::id).toList();
    }

    /** Ids as prose: {@code `a`, `b` and `c`}, or with {@code or}. */
    static String prose(List<String> ids, String conjunction) {
        List<String> quoted = ids.stream().map(id -> "`" + id + "`").toList();
        if (quoted.size() < 2) {
            return String.join("", quoted);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " " + conjunction + " " + quoted.getLast();
    }
}
