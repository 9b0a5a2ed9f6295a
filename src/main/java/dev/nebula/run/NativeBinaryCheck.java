package dev.nebula.run;

import dev.nebula.ModuleException;
import dev.nebula.NebulaException;
import dev.nebula.bench.Case;
import dev.nebula.bench.CommandParams;
import dev.nebula.results.Sidecar;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.Runtimes;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.openjdk.jmh.runner.options.Options;

/**
 * The bundled native binary, looked up before any fork starts when a planned case deploys it: without it every such
 * case would fail on its own, minutes into the run. A user function's cases deploy the user's files, never the bundled ones.
 */
final class NativeBinaryCheck {
    private NativeBinaryCheck() {}

    /** The runtimes whose planned cases deploy the bundled native binary (the {@link Abi#CLI} ABI), in plan order. */
    static Set<String> runtimesDeployingIt(List<Options> passes) {
        Set<String> runtimes = new LinkedHashSet<>();
        for (Options pass : passes) {
            for (Sidecar.Planned planned : PassSequence.planned(pass)) {
                if (planned.params().containsKey(CommandParams.MODULE)) {
                    continue;
                }
                for (String runtime : planned.params().getOrDefault("runtime", List.of())) {
                    for (String abi : planned.params().getOrDefault("abi", List.of(Case.DEFAULT_ABI))) {
                        if (Case.abiOf(Runtimes.byId(runtime), abi) == Abi.CLI) {
                            runtimes.add(Runtimes.canonical(runtime));
                        }
                    }
                }
            }
        }
        return runtimes;
    }

    /**
     * Fails, saying how to build it and which runtimes need it, when a planned case deploys the native binary and
     * {@code nativeBinary} (FunctionArtifact's lookup in a real run) cannot find it.
     */
    static void require(List<Options> passes, Supplier<Path> nativeBinary) {
        Set<String> deploying = runtimesDeployingIt(passes);
        if (deploying.isEmpty()) {
            return;
        }
        try {
            nativeBinary.get();
        } catch (NebulaException e) {
            List<String> others = Runtimes.descriptors().stream().filter(runtime -> !runtime.abis().contains(Abi.CLI))
                    .map(RuntimeDescriptor::id).toList();
            throw new ModuleException(e.getMessage() + " (runtimes " + String.join(", ", deploying) + " deploy it in this run,"
                    + " so nothing was started; without it, name only runtimes that do not: -p runtime=" + String.join(",", others) + ")", e);
        }
    }
}
