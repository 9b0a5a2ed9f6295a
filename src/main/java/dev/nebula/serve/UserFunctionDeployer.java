package dev.nebula.serve;

import dev.nebula.ModuleException;
import dev.nebula.runtime.FunctionHost;

/** Stand-in until the runtimes' user-function support lands (branch userfn): no runtime runs uploads yet. */
final class UserFunctionDeployer implements FunctionDeployer {
    @Override
    public boolean runsModules(FunctionHost runtime) {
        return false;
    }

    @Override
    public boolean runsBinaries(FunctionHost runtime) {
        return false;
    }

    @Override
    public void validateModule(byte[] module) {
        throw new ModuleException("user functions are not supported yet");
    }

    @Override
    public void validateBinary(byte[] binary) {
        throw new ModuleException("user functions are not supported yet");
    }

    @Override
    public Deployed deploy(FunctionHost runtime, FunctionName name, byte[] artifact) {
        throw new ModuleException("user functions are not supported yet");
    }
}
