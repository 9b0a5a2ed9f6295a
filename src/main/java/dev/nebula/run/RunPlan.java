package dev.nebula.run;

import dev.nebula.results.EnvSidecar;

import dev.nebula.bench.Case;
import dev.nebula.bench.CommandCase;
import dev.nebula.bench.CommandParams;
import dev.nebula.runtime.UserFunction;
import dev.nebula.NebulaException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.UnknownIdException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openjdk.jmh.runner.options.Options;

/**
 * The runtimes a run will measure, decided and checked before JMH starts, so a bad value fails in a second with
 * a message listing the valid ones instead of in every fork. Explicitly named runtimes must be able to run here;
 * runtimes left to the default that cannot (no Docker engine, say) are skipped, each with its reason.
 *
 * @param runtimes the runtime ids to run, in registry order
 * @param runtimesGiven whether the user named them ({@code -p runtime=...}) rather than taking the default
 * @param skipped runtime id to the one-line reason it is left out of the default
 * @param functions the function ids asked for ({@code -p fn=...}), or every one in the catalog
 */
public record RunPlan(List<String> runtimes, boolean runtimesGiven, Map<String, String> skipped, List<String> functions,
                      Optional<UserFunctionRun> userFunction) {

    /** A plan of the catalog's functions. */
    public RunPlan(List<String> runtimes, boolean runtimesGiven, Map<String, String> skipped, List<String> functions) {
        this(runtimes, runtimesGiven, skipped, functions, Optional.empty());
    }

    /** Answers, for runtime ids, null when one can run here or the reason it cannot. */
    public interface AvailabilityCheck {
        Map<String, String> problems(List<String> ids);
    }

    /**
     * Validates every {@code -p} value of {@code runtime}, {@code fn}, {@code n} and {@code abi} in {@code options}
     * and decides the runtimes; throws a {@link NebulaException} whose message says what is valid.
     */
    public static RunPlan of(Options options, AvailabilityCheck availability) {
        if (!given(options, CommandParams.MODULE).isEmpty()) {
            return ofUserFunction(options, availability);
        }
        List<String> givenRuntimes = given(options, "runtime");
        List<FunctionHost> candidates = (givenRuntimes.isEmpty() ? Runtimes.ids() : givenRuntimes).stream()
                .map(Runtimes::byId).toList();
        List<String> functionIds = given(options, "fn");
        List<CatalogFunction> functions = (functionIds.isEmpty() ? CatalogFunction.ids() : functionIds).stream()
                .map(CatalogFunction::byId).toList();
        for (String n : given(options, "n")) {
            functions.forEach(function -> function.input(n));
        }
        List<String> abis = given(options, "abi");
        for (String abi : abis) {
            if (!Case.isDefaultAbi(abi) && catalogAbis().noneMatch(known -> known.id().equals(abi.strip().toLowerCase(Locale.ROOT)))) {
                // Unknown everywhere, so not a reason to skip runtimes: say so, with the valid ids.
                throw new UnknownIdException("abi", abi, Stream.concat(Stream.of(Case.DEFAULT_ABI), catalogAbis().map(Abi::id)).toList());
            }
        }

        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> speaking = new ArrayList<>();
        for (FunctionHost runtime : candidates) {
            try {
                abis.forEach(abi -> Case.abiOf(runtime, abi));
                speaking.add(runtime.id());
            } catch (NebulaException e) {
                if (!givenRuntimes.isEmpty()) {
                    throw e;
                }
                skipped.put(runtime.id(), "it does not speak abi " + String.join(",", abis) + "; it speaks " + runtime.abis());
            }
        }

        return new RunPlan(available(speaking, !givenRuntimes.isEmpty(), skipped, availability), !givenRuntimes.isEmpty(), skipped,
                functions.stream().map(CatalogFunction::id).toList());
    }

    /**
     * The plan of a user function ({@code -p module}, and {@code -p binary} for the process and container runtimes): the
     * files checked against the contract, {@code n} as plain whole numbers, and the runtimes that can run the function;
     * those that cannot (no binary, or modules fixed at build time) are skipped with one line each.
     */
    private static RunPlan ofUserFunction(Options options, AvailabilityCheck availability) {
        List<String> modules = given(options, CommandParams.MODULE);
        List<String> binaries = given(options, "binary");
        if (modules.size() > 1 || binaries.size() > 1) {
            throw new NebulaException("one user function a run: give one -p module=PATH (and at most one -p binary=PATH), not "
                    + modules + " " + binaries);
        }
        UserFunction function = CommandCase.function(modules.getFirst(), binaries.isEmpty() ? "" : binaries.getFirst());
        List<String> ns = given(options, "n");
        if (ns.isEmpty()) {
            throw new NebulaException("a user function needs its input: -p n=... (whole numbers, passed as argv[1])");
        }
        List<String> expects = given(options, "expect");
        if (expects.size() > 1) {
            throw new NebulaException("give at most one -p expect=TEXT, not " + expects);
        }
        List<String> givenRuntimes = given(options, "runtime");
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> able = new ArrayList<>();
        for (String id : givenRuntimes.isEmpty() ? Runtimes.ids() : givenRuntimes) {
            Optional<String> whyNot = function.whyNot(Runtimes.byId(id));
            if (whyNot.isEmpty()) {
                able.add(id);
            } else if (givenRuntimes.isEmpty()) {
                skipped.put(id, whyNot.get());
            } else {
                throw new NebulaException("runtime " + id + " was asked for but " + whyNot.get());
            }
        }
        return new RunPlan(available(able, !givenRuntimes.isEmpty(), skipped, availability), !givenRuntimes.isEmpty(), skipped,
                List.of(function.name()), Optional.of(new UserFunctionRun(function, modules.getFirst(),
                        binaries.stream().findFirst(), ns.stream().map(CommandCase::input).toList(),
                        expects.stream().filter(expect -> !expect.isEmpty()).findFirst())));
    }

    /** The runtimes of {@code ids} that can run here; one that cannot is skipped, or an error if it was asked for by name. */
    private static List<String> available(List<String> ids, boolean given, Map<String, String> skipped, AvailabilityCheck availability) {
        List<String> runnable = new ArrayList<>();
        availability.problems(ids).forEach((id, problem) -> {
            if (problem == null) {
                runnable.add(id);
            } else if (!given) {
                skipped.put(id, oneLine(problem));
            } else {
                throw new RuntimeUnavailableException("runtime " + id + " was asked for but cannot run here: " + problem);
            }
        });
        if (runnable.isEmpty()) {
            throw new RuntimeUnavailableException("no runtime can run here; " + skipped);
        }
        return List.copyOf(runnable);
    }

    /** The ABIs {@code -p abi} chooses among: the catalog's; a user function's is chosen by {@code -p module}. */
    private static Stream<Abi> catalogAbis() {
        return Arrays.stream(Abi.values()).filter(abi -> abi != Abi.COMMAND);
    }

    /**
     * The {@code -p} values of {@code runtime}, {@code fn}, {@code n} and {@code abi} that {@code options} gives, each
     * in its one spelling ({@code FIB} is {@code fib}, {@code s} is {@code S}), to hand to JMH in place of the typed
     * ones, so results, sidecars and {@code --compare} see one spelling. Call after {@link #of}, which validates them.
     */
    public static Map<String, String[]> canonicalParameters(Options options) {
        Map<String, String[]> canonical = new LinkedHashMap<>();
        putIfGiven(canonical, "runtime", given(options, "runtime").stream().map(Runtimes::canonical));
        putIfGiven(canonical, "fn", given(options, "fn").stream().map(id -> CatalogFunction.byId(id).id()));
        putIfGiven(canonical, "n", given(options, "n").stream().map(CatalogFunction::canonicalInput));
        putIfGiven(canonical, "abi", given(options, "abi").stream()
                .map(abi -> Case.isDefaultAbi(abi) ? Case.DEFAULT_ABI : Abi.byId(abi).id()));
        return canonical;
    }

    private static void putIfGiven(Map<String, String[]> canonical, String param, Stream<String> values) {
        String[] all = values.toArray(String[]::new);
        if (all.length > 0) {
            canonical.put(param, all);
        }
    }

    /** What the sidecar records of this plan: the runtimes, those speaking WASI, the skipped ones and the functions. */
    public EnvSidecar.Selection selection() {
        return new EnvSidecar.Selection(runtimes, speaking(Abi.WASI), skipped, functions, userFunction.map(UserFunctionRun::files));
    }

    /** The runtimes among the plan's that can deploy {@code abi}. */
    public List<String> speaking(Abi abi) {
        return runtimes.stream().filter(id -> Runtimes.byId(id).abis().contains(abi)).toList();
    }

    /** One line per skipped runtime, for the console. */
    public List<String> skipLines() {
        return skipped.entrySet().stream()
                .map(skip -> "nebula: skipping runtime " + skip.getKey() + ": " + skip.getValue()).toList();
    }

    static List<String> given(Options options, String param) {
        Collection<String> values = options.getParameter(param).orElse(List.of());
        return values.stream().map(String::strip).toList();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
