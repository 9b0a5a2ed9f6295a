package dev.nebula.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.KnownAnswers;
import dev.nebula.function.Size;
import dev.nebula.runtime.crun.CrunRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import dev.nebula.Need;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered runtime, with every ABI it deploys, gives the known answer ({@code known-answers.tsv}, computed
 * outside Java) for every function on edge inputs:
 * the ends of each range that are cheap enough for an interpreter, the wrap-around points, and the S size.
 * One matrix per kind of runtime, tagged with what that kind needs: the in-JVM runtimes are unit tests; the process
 * and container runtimes run in {@code mvn verify}. A runtime that cannot run where its kind's needs are met fails
 * with its own explanation, with one exception: crun, where crun itself refuses the machine's cgroups (hybrid mode),
 * is aborted with crun's own line.
 */
class RuntimeMatrixTest {

    @Nested
    class InTheJvm extends Matrix {
        InTheJvm() {
            super(RuntimeDescriptor.Kind.IN_JVM);
        }
    }

    @Nested
    @Tag(Need.NATIVE)
    class AsAProcess extends Matrix {
        AsAProcess() {
            super(RuntimeDescriptor.Kind.PROCESS);
        }
    }

    @Nested
    @Tag(Need.DOCKER)
    @Tag(Need.ROOT)
    @Tag(Need.NATIVE)
    class InAContainer extends Matrix {
        InAContainer() {
            super(RuntimeDescriptor.Kind.CONTAINER);
        }
    }

    @Test
    void everyRuntimeIsInOneMatrix() {
        List<String> covered = Stream.of(RuntimeDescriptor.Kind.values()).flatMap(kind -> Runtimes.ids(kind).stream()).toList();
        assertEquals(Set.copyOf(Runtimes.ids()), Set.copyOf(covered));
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Matrix {
        private final RuntimeDescriptor.Kind kind;

        /** Deployed once and warm instances started once per (runtime, ABI), as a FaaS host would; closed at the end. */
        private final Map<String, Deployment> deployments = new LinkedHashMap<>();
        private final Map<String, FunctionInstance> warmInstances = new LinkedHashMap<>();

        Matrix(RuntimeDescriptor.Kind kind) {
            this.kind = kind;
        }

        static long[] edgeInputs(CatalogFunction function) {
            long[] edges = switch (function) {
                case FIB -> new long[] {0, 1, 2, 93, 94, 100_000};       // 93: the last that fits; 94: the first that wraps
                case FIB_REC -> new long[] {0, 1, 2, 20};
                case EXP -> new long[] {0, 1, 2, 10, 100, 709};         // the whole range's both ends
                case FACT -> new long[] {0, 1, 2, 20, 21, 65, 66, 100_000}; // 21: first wrap; 66: zero from here on
                case PRIME -> new long[] {1, 2, 3, 4, 1_000};
                case IMAGE -> new long[] {1, 2, 3, 512};               // 1: one clamped pixel; 512: M, memory past the first pages
            };
            return LongStream.concat(LongStream.of(edges), LongStream.of(function.input(Size.S))).distinct().toArray();
        }

        Stream<Arguments> runtimesAndAbis() {
            List<Arguments> cases = new ArrayList<>();
            for (String id : Runtimes.ids(kind)) {
                for (Abi abi : Runtimes.byId(id).abis()) {
                    cases.add(Arguments.of(id, abi));
                }
            }
            return cases.stream();
        }

        Stream<Arguments> matrix() {
            return runtimesAndAbis().flatMap(runtimeAndAbi -> Stream.of(CatalogFunction.values()).flatMap(function ->
                    LongStream.of(edgeInputs(function)).mapToObj(n ->
                            Arguments.of(runtimeAndAbi.get()[0], runtimeAndAbi.get()[1], function, n))));
        }

        Stream<Arguments> coldMatrix() {
            return runtimesAndAbis().flatMap(runtimeAndAbi -> Stream.of(CatalogFunction.values()).map(function ->
                    Arguments.of(runtimeAndAbi.get()[0], runtimeAndAbi.get()[1], function)));
        }

        @ParameterizedTest(name = "{0} [{1}] warm {2}({3})")
        @MethodSource("matrix")
        void warmInstanceGivesTheKnownAnswer(String runtimeId, Abi abi, CatalogFunction function, long n) {
            long answer = warmInstance(runtimeId, abi).invoke(function, n);
            assertEquals(function.format(KnownAnswers.bits(function, n)), function.format(answer));
        }

        @ParameterizedTest(name = "{0} [{1}] cold {2}")
        @MethodSource("coldMatrix")
        void coldStartGivesTheKnownAnswerAndRecordsItsAbisPhasesWithinTheCall(String runtimeId, Abi abi, CatalogFunction function) {
            long n = function.input(Size.S);
            Deployment deployment = deployment(runtimeId, abi);
            Phases phases = Phases.recording();
            long before = System.nanoTime();
            long answer = deployment.coldInvoke(function, n, phases);
            long took = System.nanoTime() - before;
            assertEquals(function.format(KnownAnswers.bits(function, n)), function.format(answer));
            List<String> names = IntStream.range(0, phases.count()).mapToObj(phases::name).toList();
            switch (abi) {
                case HANDLER -> assertEquals(List.of(Deployment.START, Deployment.INVOKE, Deployment.CLOSE), names);
                case WASI -> assertEquals(List.of(Deployment.CONTEXT, Deployment.INSTANTIATE, Deployment.RUN, Deployment.CLOSE), names,
                        "a WASI request has the same phases on every runtime");
                case CLI -> assertTrue(names.size() >= 3, "a process run has at least start, compute and exit: " + phases);
            }
            assertTrue(phases.totalNanos() <= took, "the phases were recorded within this call: " + phases + " in " + took + " ns");
        }

        @ParameterizedTest(name = "{0} [{1}] rejects n out of range and stays usable")
        @MethodSource("runtimesAndAbis")
        void rejectsInputOutOfRangeAndStaysUsable(String runtimeId, Abi abi) {
            FunctionInstance instance = warmInstance(runtimeId, abi);
            for (CatalogFunction function : CatalogFunction.values()) {
                assertThrows(InvalidInputException.class, () -> instance.invoke(function, function.maxInput() + 1));
                assertThrows(InvalidInputException.class, () -> instance.invoke(function, function.minInput() - 1));
            }
            assertEquals(KnownAnswers.bits(CatalogFunction.FIB, 10), instance.invoke(CatalogFunction.FIB, 10));
        }

        private Deployment deployment(String runtimeId, Abi abi) {
            if (runtimeId.equals(CrunRuntime.ID)) {
                String refusal = CrunRuntime.refusalHere();
                Assumptions.assumeTrue(refusal == null, refusal);
            }
            return deployments.computeIfAbsent(runtimeId + "/" + abi, key -> {
                FunctionHost runtime = Runtimes.byId(runtimeId);
                runtime.requireAvailable();
                return runtime.deploy(FunctionArtifact.bundled(abi));
            });
        }

        private FunctionInstance warmInstance(String runtimeId, Abi abi) {
            return warmInstances.computeIfAbsent(runtimeId + "/" + abi, key -> deployment(runtimeId, abi).start());
        }

        @AfterAll
        void closeEverything() {
            warmInstances.values().forEach(FunctionInstance::close);
            deployments.values().forEach(Deployment::close);
        }
    }
}
