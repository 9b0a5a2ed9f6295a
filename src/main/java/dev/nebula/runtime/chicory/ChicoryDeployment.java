package dev.nebula.runtime.chicory;

import com.dylibso.chicory.runtime.Machine;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import java.time.Duration;

/**
 * A module deployed on Chicory in any mode, for one ABI: the {@link ChicoryModule} built once, and its lifecycle.
 * Each start builds a fresh Chicory instance from it ({@link HandlerDeployment}, {@link WasiDeployment}).
 */
abstract sealed class ChicoryDeployment implements Deployment permits HandlerDeployment, WasiDeployment {
    final ChicoryModule module;
    private volatile boolean closed;

    ChicoryDeployment(ChicoryModule module) {
        this.module = module;
    }

    /** Deploys {@code source} in {@code mode}, for the ABI it is built for. */
    static ChicoryDeployment of(String runtimeId, ChicoryMode mode, FunctionArtifact source, Duration timeout) {
        ChicoryModule module = new ChicoryModule(runtimeId, mode, source, timeout);
        return source.abi() == Abi.HANDLER ? new HandlerDeployment(module) : new WasiDeployment(module);
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException(module.runtimeId() + ": this deployment of " + module.source() + " is closed; deploy again");
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The machine a fresh instance runs on: lets tests see what runs the code. */
    Machine machineOfFreshInstance() {
        return module.machineOfFreshInstance();
    }
}
