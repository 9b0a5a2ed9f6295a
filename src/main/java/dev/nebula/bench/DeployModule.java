package dev.nebula.bench;

import dev.nebula.run.ForkFlags;
import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.Size;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Runtimes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deploy: the time a FaaS host spends making a module ready for requests, a fresh deployment each shot, in a host
 * that is already running. What one shot is, per runtime ({@link FunctionHost#deploy}, each with its own checks):
 * <ul>
 * <li>{@code chicory-interp}: parse and validate the module; {@code chicory-compiler}: that plus compiling every
 *     function to JVM bytecode and loading the classes; {@code graalwasm}: a new polyglot engine, the parse; and
 *     {@code wasmtime}: a new engine (with its epoch ticker thread), Cranelift's compile to machine code. Each of
 *     them also instantiates the module once, unrun, to prove it links: a bad module fails at deploy, not at the
 *     first request.</li>
 * <li>{@code chicory-aot}: the module was compiled when the jar was built, so deploy checks the bytes' sha256
 *     against the compiled-in module, loads the generated classes' module and makes the same trial instance.</li>
 * <li>{@code docker}, {@code docker-debian}: everything before a first {@code create}, with the image already built
 *     (setup's unmeasured deploy builds it if needed): the ELF check, a ping of the engine, the image's tag from the
 *     sha256 of the Dockerfile, the base image's id and the binary, and an inspect that finds the image (for
 *     {@code docker-debian} also two inspects of the local base image). No container is made.</li>
 * <li>{@code process}: the binary written to a private directory and made executable. {@code java}: nothing.</li>
 * </ul>
 * The module's bytes are read once in setup: a host receives them, so reading a file is not part of deploy.
 *
 * <p>{@code SingleShotTime}: one deploy is one operation, and JMH must not batch them. After each shot, outside the
 * measurement, the deployment serves one cold request, checked against the Java reference, and is closed: a
 * deployment that does not work never reports a time. No {@code fn} or {@code n}: deploy does not depend on them.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 30)
@Fork(value = 3, jvmArgs = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX, ForkFlags.PRE_TOUCH, ForkFlags.GC, ForkFlags.NATIVE_ACCESS})
public class DeployModule {

    /** One host per benchmark thread, deploying its own fresh deployments. */
    @State(Scope.Thread)
    public static class ThreadDeployer extends CaseParams {
        FunctionHost host;
        FunctionArtifact module;
        /** The request each fresh deployment must answer right: fib at size S. */
        private Case check;
        Deployment deployed;

        @Setup(Level.Trial)
        public void prepare() {
            host = Runtimes.byId(runtime);
            Abi resolved = Case.abiOf(host, abi);
            check = new Case(host, CatalogFunction.FIB, CatalogFunction.FIB.input(Size.S), resolved);
            host.requireAvailable();
            module = FunctionArtifact.bundled(resolved);
            deployed = host.deploy(module); // unmeasured: builds a missing image, sweeps old containers, fails early
            verifyAndClose();
        }

        /** After every shot: the fresh deployment answers one cold request right, then is closed. */
        @TearDown(Level.Iteration)
        public void verifyAndClose() {
            Deployment deployment = deployed;
            deployed = null;
            if (deployment == null) {
                throw new NebulaException(check + ": the shot left no deployment to check");
            }
            try {
                check.verify(deployment.coldInvoke(check.function(), check.n(), Phases.IGNORED), "a fresh deployment's first request");
            } finally {
                deployment.close();
            }
        }
    }

    @Benchmark
    public Deployment deploy(ThreadDeployer deployer) {
        return deployer.deployed = deployer.host.deploy(deployer.module); // returned: JMH consumes it
    }

    /** A user function's deployer ({@code -p module=PATH}): each shot deploys the form this runtime runs, checked after. */
    @State(Scope.Thread)
    public static class CommandDeployer extends CommandParams {
        FunctionHost host;
        FunctionArtifact artifact;
        CommandCase check;
        String reference;
        Deployment deployed;

        @Setup(Level.Trial)
        public void prepare() {
            check = resolve();
            host = check.runtime();
            reference = check.reference();
            deployed = check.deploy(); // unmeasured: builds a missing image, sweeps old containers, fails early
            artifact = check.function().artifact(host.commandForm().orElseThrow()).orElseThrow();
            verifyAndClose();
        }

        /** After every shot: the fresh deployment answers one cold request right, then is closed. */
        @TearDown(Level.Iteration)
        public void verifyAndClose() {
            Deployment deployment = deployed;
            deployed = null;
            if (deployment == null) {
                throw new NebulaException(check + ": the shot left no deployment to check");
            }
            try {
                check.verify(deployment.coldInvokeText(check.n(), Phases.IGNORED), reference, "a fresh deployment's first request");
            } finally {
                deployment.close();
            }
        }
    }

    @Benchmark
    public Deployment deployCommand(CommandDeployer deployer) {
        return deployer.deployed = deployer.host.deploy(deployer.artifact);
    }
}
