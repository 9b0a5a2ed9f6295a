package dev.nebula.serve;

import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Phases;

/**
 * What serve needs from the runtimes to host an uploaded function (issue 19's contract: a WASI command that takes n
 * as argv[1] and prints one line). The runtime package's user-function support stands behind it; tests script it.
 */
interface FunctionDeployer {

    /** Whether this runtime runs uploaded wasm modules: a wasm runtime that runs WASI commands. */
    boolean runsModules(FunctionHost runtime);

    /** Whether this runtime runs an uploaded native binary: containers only, with the limits of the README. */
    boolean runsBinaries(FunctionHost runtime);

    /** Parses the module and checks that it is a WASI preview 1 command; a {@link dev.nebula.ModuleException} says what is wrong. */
    void validateModule(byte[] module);

    /** Checks that the bytes are a static Linux executable; a {@link dev.nebula.ModuleException} says what is wrong. */
    void validateBinary(byte[] binary);

    /** Deploys an uploaded module (or, on a container runtime, binary) once on this runtime. */
    Deployed deploy(FunctionHost runtime, FunctionName name, byte[] artifact);

    /** An uploaded function deployed on one runtime. */
    interface Deployed extends AutoCloseable {
        /** A fresh instance for this run alone, its phases recorded; the printed line, as text. */
        String coldRun(long n, Phases phases);

        /** A started instance for warm runs. */
        Instance start();

        @Override
        void close();
    }

    /** A started instance of an uploaded function. */
    interface Instance extends AutoCloseable {
        /** One warm run: the printed line, as text; a trap or non-zero exit is a {@link dev.nebula.TrapException}. */
        String run(long n);

        @Override
        void close();
    }
}
