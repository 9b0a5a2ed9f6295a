package dev.nebula.runtime;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A host for the functions, with the FaaS lifecycle: {@link #deploy} a module once (parse, compile, cache),
 * then {@link Deployment#start} instances (the cold start), {@link FunctionInstance#invoke} them (the warm call),
 * and close both.
 */
public interface FunctionHost {

    /** What this runtime is: its id, kind, ABIs, memory footprint and artifact, declared in one place. */
    RuntimeDescriptor descriptor();

    /** The id users type: the JMH {@code runtime} parameter. */
    default String id() {
        return descriptor().id();
    }

    /** One line: what this runtime is. */
    String description();

    /** The ABIs this runtime can deploy, in {@link RuntimeDescriptor#abis()}'s order; the first is its default. */
    default Set<Abi> abis() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(descriptor().abis()));
    }

    /**
     * Fails with a {@link dev.nebula.RuntimeUnavailableException} that says what to do when this runtime cannot run
     * here, or would run in a slower mode than it claims (an interpreter standing in for a compiler).
     */
    default void requireAvailable() {}

    /**
     * Whether {@link #deploy} runs any module of its ABIs. False for runtimes fixed at build time: the ahead-of-time
     * compiled module, or plain Java, whose "module" is the catalog itself.
     */
    default boolean deploysAnyModule() {
        return true;
    }

    /**
     * Which file of a user function ({@link Abi#COMMAND}) {@link #deploy} takes, or empty when this runtime cannot run
     * user functions (plain Java, or modules fixed at build time). Not among {@link #abis()}: those are the catalog's.
     */
    default Optional<CommandForm> commandForm() {
        return Optional.empty();
    }

    /**
     * Deploys a module once: everything a FaaS host does ahead of requests. Throws
     * {@link dev.nebula.ModuleException} for a corrupt module, and an {@link IllegalArgumentException}
     * for an ABI outside {@link #abis()}.
     */
    Deployment deploy(FunctionArtifact module);
}
