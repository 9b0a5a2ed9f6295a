package dev.nebula.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.ModuleException;
import dev.nebula.runtime.ForeignFixtures;
import dev.nebula.runtime.Runtimes;
import dev.nebula.runtime.containerd.ContainerdRuntime;
import dev.nebula.runtime.crun.CrunRuntime;
import dev.nebula.runtime.docker.DockerRuntime;
import dev.nebula.runtime.dockercli.DockerCliRuntime;
import dev.nebula.runtime.process.ProcessRuntime;
import dev.nebula.runtime.runc.RuncRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * A run whose cases deploy the bundled native binary fails before any JMH pass when it was not built (a fresh clone),
 * and a run that does not deploy it (in-JVM runtimes only, or a user function's own binary) never looks for it.
 */
class NativeBinaryCheckTest {
    private static final String MISSING = "the native binary wasm-modules/target/native/nebula is missing; build it with: bash wasm-modules/build.sh";
    /** A fresh clone: the lookup fails as FunctionArtifact's does. */
    private static final Supplier<Path> NOT_BUILT = () -> {
        throw new ModuleException(MISSING);
    };

    @TempDir
    Path results;

    private static Map<String, String> allAvailable(List<String> ids) {
        Map<String, String> problems = new LinkedHashMap<>();
        ids.forEach(id -> problems.put(id, null));
        return problems;
    }

    private List<Options> defaultSuitePasses(String... jmhArgs) throws Exception {
        RunPlan plan = RunPlan.of(new CommandLineOptions(jmhArgs), NativeBinaryCheckTest::allAvailable);
        return new Suite(false, false, results, List.of(jmhArgs)).passes(plan);
    }

    @Test
    void theDefaultSuiteWithoutTheBinaryFailsBeforeAnyPassNamingHowToBuildIt() {
        List<Options> ran = new ArrayList<>();
        Suite suite = new Suite(false, false, results, List.of());

        ModuleException e = assertThrows(ModuleException.class, () -> suite.run(pass -> {
            ran.add(pass);
            return List.of();
        }, NativeBinaryCheckTest::allAvailable, NOT_BUILT, System.out));

        assertTrue(e.getMessage().startsWith(MISSING), e.getMessage());
        assertTrue(e.getMessage().contains("runtimes " + ProcessRuntime.ID + ", " + DockerCliRuntime.ID), e.getMessage());
        assertTrue(e.getMessage().contains("-p runtime=" + Runtimes.inJvmIds().getFirst()), e.getMessage());
        assertEquals(List.of(), ran, "no pass may start");
    }

    @Test
    void theDefaultSuiteDeploysTheBinaryOnTheProcessAndContainerRuntimesOnly() throws Exception {
        Set<String> deploying = NativeBinaryCheck.runtimesDeployingIt(defaultSuitePasses());
        assertTrue(deploying.containsAll(List.of(ProcessRuntime.ID, DockerCliRuntime.ID, DockerRuntime.ID, DockerRuntime.DEBIAN_ID,
                ContainerdRuntime.ID, RuncRuntime.ID, CrunRuntime.ID)), deploying.toString());
        assertTrue(deploying.stream().noneMatch(Runtimes.inJvmIds()::contains), deploying.toString());
    }

    @Test
    void inJvmRuntimesAloneNeverLookForTheBinary() throws Exception {
        List<Options> passes = defaultSuitePasses("-p", "runtime=java,chicory-aot");
        assertEquals(Set.of(), NativeBinaryCheck.runtimesDeployingIt(passes));
        NativeBinaryCheck.require(passes, NOT_BUILT);
    }

    @Test
    void aUserFunctionWithItsOwnBinaryNeverLooksForTheBundledOne() throws Exception {
        List<Options> passes = defaultSuitePasses("-p", "module=" + ForeignFixtures.file("collatz.wasm"),
                "-p", "binary=" + ForeignFixtures.file("collatz"), "-p", "n=27", "-p", "runtime=process,chicory-interp");
        assertTrue(passes.stream().anyMatch(pass -> pass.getParameter("runtime").orElse(List.of()).contains(ProcessRuntime.ID)), "process is planned");
        NativeBinaryCheck.require(passes, NOT_BUILT);
    }

    @Test
    void aJarRunOfAContainerRuntimeIsCheckedAlike() {
        Launcher.Launch launch = Launcher.preflight(new String[] {"Density", "-p", "runtime=" + DockerCliRuntime.ID},
                NativeBinaryCheckTest::allAvailable, System.err);
        ModuleException e = assertThrows(ModuleException.class, () -> NativeBinaryCheck.require(launch.passes(), NOT_BUILT));
        assertTrue(e.getMessage().contains("runtimes " + DockerCliRuntime.ID + " deploy it"), e.getMessage());
    }

    @Test
    void theBinaryBuiltLetsTheRunGoOn() throws Exception {
        NativeBinaryCheck.require(defaultSuitePasses("-p", "runtime=process"), () -> Path.of("wasm-modules/target/native/nebula"));
    }
}
