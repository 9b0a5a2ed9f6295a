package dev.nebula.bench;

import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import java.util.List;
import java.util.stream.Stream;

/**
 * One benchmark case, read from the JMH parameters {@code runtime}, {@code fn}, {@code n} and {@code abi}:
 * the place where every parameter value is validated, by the launchers before JMH starts and by each
 * benchmark's setup again (a run through {@code org.openjdk.jmh.Main} skips the launchers).
 */
public record Case(FunctionHost runtime, CatalogFunction function, long n, Abi abi) {

    /** The {@code abi} parameter's value for "the runtime's own default ABI" (the first of {@link FunctionHost#abis()}). */
    public static final String DEFAULT_ABI = "default";

    /** Parses and validates the parameters; each bad value is an exception whose message lists the valid ones. */
    public static Case of(String runtimeId, String functionId, String n, String abiId) {
        FunctionHost runtime = Runtimes.byId(runtimeId);
        CatalogFunction function = CatalogFunction.byId(functionId);
        return new Case(runtime, function, function.input(n), abiOf(runtime, abiId));
    }

    /** The ABI an {@code abi} parameter value names for this runtime; one it cannot deploy lists those it can. */
    public static Abi abiOf(FunctionHost runtime, String abiId) {
        List<String> valid = validAbis(runtime);
        if (isDefaultAbi(abiId)) {
            return runtime.abis().iterator().next();
        }
        Abi abi = Abi.byId(abiId);
        if (!runtime.abis().contains(abi)) {
            throw new NebulaException("runtime " + runtime.id() + " does not speak abi '" + abiId + "'; valid for it: "
                    + String.join(", ", valid));
        }
        return abi;
    }

    /** Whether an {@code abi} parameter value names the runtime's default ABI, in any case and spacing. */
    public static boolean isDefaultAbi(String abiId) {
        return abiId.strip().equalsIgnoreCase(DEFAULT_ABI);
    }

    private static List<String> validAbis(FunctionHost runtime) {
        Stream<String> defaultAbi = Stream.of(DEFAULT_ABI + " (= " + runtime.abis().iterator().next() + ")");
        return Stream.concat(defaultAbi, runtime.abis().stream().map(Abi::id)).toList();
    }

    /** The answer every measured call must give: the catalog's Java reference. */
    public long expected() {
        return function.reference(n);
    }

    /** Deploys the project's own module for this case's ABI: what a FaaS host does before any request. */
    public Deployment deploy() {
        runtime.requireAvailable();
        return runtime.deploy(FunctionArtifact.bundled(abi));
    }

    /** Fails, naming both answers, unless {@code answer} is the reference: a wrong answer is never reported as a time. */
    public void verify(long answer, String how) {
        long expected = expected();
        if (answer != expected) {
            throw new NebulaException(this + " " + how + " returned " + function.format(answer)
                    + " but the Java reference gives " + function.format(expected) + "; refusing to time a wrong answer");
        }
    }

    @Override
    public String toString() {
        return runtime.id() + " (" + abi + ") " + function.id() + "(" + n + ")";
    }
}
