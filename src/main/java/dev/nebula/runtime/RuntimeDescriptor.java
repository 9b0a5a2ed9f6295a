package dev.nebula.runtime;

import java.util.List;
import java.util.Optional;

/**
 * What a runtime is, declared once, by the runtime itself: the one place its id is spelled. The registry, the
 * benchmarks' {@code @Param} lists (through {@link #id()}'s constant), the density accounting, artifact sizes, the
 * report and the fork flags read it, so adding a runtime is its own package plus one registry line.
 *
 * @param id the id users type: the JMH {@code runtime} parameter and serve's path segment
 * @param kind where the function runs, which decides the benchmarks that fit it
 * @param abis the ABIs it deploys; the first is its default
 * @param footprint where its instances keep their memory, which decides what Density reads
 * @param artifact what it deploys for its default ABI, for the artifact-size column
 * @param forkJvmFlags JVM flags its forks, and only its forks, need (GraalWasm's JVMCI); empty for most
 */
public record RuntimeDescriptor(String id, Kind kind, List<Abi> abis, Footprint footprint, Artifact artifact,
                                List<String> forkJvmFlags) {

    public RuntimeDescriptor {
        if (abis.isEmpty()) {
            throw new IllegalArgumentException("runtime " + id + " must deploy at least one ABI");
        }
        abis = List.copyOf(abis);
        forkJvmFlags = List.copyOf(forkJvmFlags);
    }

    public RuntimeDescriptor(String id, Kind kind, List<Abi> abis, Footprint footprint, Artifact artifact) {
        this(id, kind, abis, footprint, artifact, List.of());
    }

    /** The ABI a case without {@code -p abi} runs. */
    public Abi defaultAbi() {
        return abis.getFirst();
    }

    /** Where a runtime runs the function. */
    public enum Kind {
        /** Inside the JVM that hosts it: exports called in-process (Chicory, GraalWasm, Wasmtime, plain Java). */
        IN_JVM("in-JVM"),
        /** A child process of the host, over pipes. */
        PROCESS("process"),
        /** A container: one rung of the container ladder (docker CLI, Engine API, containerd, an OCI runtime). */
        CONTAINER("container");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Where a runtime's instances keep their memory, which decides what is read and what is the headline. */
    public enum Footprint {
        /** In the JVM's heap: the headline is heap retained after GC; RSS growth (native memory) is reported beside it. */
        HEAP,
        /** In native memory of this process (wasmtime): the headline is RSS growth. */
        NATIVE,
        /** One OS process per instance: the headline is the processes' PSS. */
        PROCESSES,
        /**
         * One container per instance: the headline is its cgroup's memory + its containerd shim's PSS (none under runc
         * or crun alone) + dockerd's RSS growth (only where dockerd runs it). The shims are one Go binary, so most of a shim's RSS is pages every shim shares: PSS divides them
         * among the shims, and the shim's RSS is reported beside it.
         */
        CONTAINERS
    }

    /**
     * What a runtime deploys for its default ABI, as the report's "artifact size" counts it.
     *
     * @param type which file or image
     * @param image the image repository, for {@link Type#IMAGE}; empty otherwise
     */
    public record Artifact(Type type, Optional<String> image) {
        public enum Type {
            /** Nothing: plain Java runs the catalog itself. */
            NONE,
            /** {@code nebula.wasm}, the handler-ABI module. */
            HANDLER_MODULE,
            /** {@code nebula-wasi.wasm}, the WASI command. */
            WASI_MODULE,
            /** The classes Chicory's build-time compiler made from {@code nebula.wasm}. */
            AOT_CLASSES,
            /** The static native binary. */
            NATIVE_BINARY,
            /** A container image of the native binary. */
            IMAGE
        }

        public static Artifact none() {
            return new Artifact(Type.NONE, Optional.empty());
        }

        public static Artifact of(Type type) {
            if (type == Type.IMAGE) {
                throw new IllegalArgumentException("an image artifact names its repository: use Artifact.image(repository)");
            }
            return new Artifact(type, Optional.empty());
        }

        public static Artifact image(String repository) {
            return new Artifact(Type.IMAGE, Optional.of(repository));
        }
    }
}
