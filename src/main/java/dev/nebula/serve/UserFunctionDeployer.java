package dev.nebula.serve;

import dev.nebula.ContractException;
import dev.nebula.ModuleException;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.CommandForm;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.FunctionInstance;
import dev.nebula.runtime.Phases;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.UserFunctionCheck;
import java.util.Optional;

/**
 * Uploads on the runtimes' user functions ({@link Abi#COMMAND}): a module on every runtime that runs the WASI command
 * form, a native binary only on the container runtimes (never {@code process}, which would run it unconfined).
 */
final class UserFunctionDeployer implements FunctionDeployer {

    @Override
    public boolean runsModules(FunctionHost runtime) {
        return runtime.commandForm().equals(Optional.of(CommandForm.WASM_MODULE));
    }

    @Override
    public boolean runsBinaries(FunctionHost runtime) {
        return runtime.commandForm().equals(Optional.of(CommandForm.NATIVE_BINARY))
                && runtime.descriptor().kind() == RuntimeDescriptor.Kind.CONTAINER;
    }

    @Override
    public void validateModule(byte[] module) {
        asModuleError(() -> UserFunctionCheck.validateModule("the module", module));
    }

    @Override
    public void validateBinary(byte[] binary) {
        asModuleError(() -> UserFunctionCheck.validateBinary("the binary", binary));
    }

    /** The contract's one-line refusal, as the {@link ModuleException} that serve answers 422. */
    private static void asModuleError(Runnable check) {
        try {
            check.run();
        } catch (ContractException e) {
            throw new ModuleException(e.getMessage(), e);
        }
    }

    @Override
    public Deployed deploy(FunctionHost runtime, FunctionName name, byte[] artifact) {
        Deployment deployment = runtime.deploy(new FunctionArtifact(Abi.COMMAND, name.value(), artifact));
        return new Deployed() {
            @Override
            public String coldRun(long n, Phases phases) {
                return deployment.coldInvokeText(n, phases);
            }

            @Override
            public Instance start() {
                FunctionInstance instance = deployment.start();
                return new Instance() {
                    @Override
                    public String run(long n) {
                        return instance.invokeText(n);
                    }

                    @Override
                    public void close() {
                        instance.close();
                    }
                };
            }

            @Override
            public void close() {
                deployment.close();
            }
        };
    }
}
