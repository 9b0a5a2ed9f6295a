package dev.nebula.serve;

import dev.nebula.ModuleException;
import dev.nebula.TrapException;
import dev.nebula.runtime.Deployment;
import dev.nebula.runtime.FunctionHost;
import dev.nebula.runtime.Phases;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Uploads without wasm: a "module" is {@code \0asm} then a program's name, a "binary" {@code \x7fELF} then one. The
 * programs: {@code square} answers n², {@code cube} n³, {@code trap} traps, {@code count} answers 1, 2, 3... whatever n.
 * Scripted runtimes whose id starts with {@code container} run binaries; the others run modules. It counts what it
 * deploys and closes.
 */
final class ScriptedDeployer implements FunctionDeployer {
    private static final byte[] WASM = {0, 'a', 's', 'm'};
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    final AtomicInteger deployed = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    static byte[] module(String program) {
        return withHeader(WASM, program);
    }

    static byte[] binary(String program) {
        return withHeader(ELF, program);
    }

    private static byte[] withHeader(byte[] header, String program) {
        byte[] name = program.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(header, header.length + name.length);
        System.arraycopy(name, 0, bytes, header.length, name.length);
        return bytes;
    }

    @Override
    public boolean runsModules(FunctionHost runtime) {
        return !runtime.id().startsWith("container");
    }

    @Override
    public boolean runsBinaries(FunctionHost runtime) {
        return runtime.id().startsWith("container");
    }

    @Override
    public void validateModule(byte[] module) {
        if (!Arrays.equals(module, 0, Math.min(4, module.length), WASM, 0, 4)) {
            throw new ModuleException("not a WebAssembly module: no \\0asm header");
        }
    }

    @Override
    public void validateBinary(byte[] binary) {
        if (!Arrays.equals(binary, 0, Math.min(4, binary.length), ELF, 0, 4)) {
            throw new ModuleException("not an ELF executable");
        }
    }

    @Override
    public Deployed deploy(FunctionHost runtime, FunctionName name, byte[] artifact) {
        String program = new String(artifact, 4, artifact.length - 4, StandardCharsets.UTF_8);
        AtomicInteger counter = new AtomicInteger();
        deployed.incrementAndGet();
        return new Deployed() {
            @Override
            public String coldRun(long n, Phases phases) {
                phases.begin();
                String answer = answer(program, n, counter);
                phases.mark(Deployment.RUN);
                return answer;
            }

            @Override
            public Instance start() {
                return new Instance() {
                    @Override
                    public String run(long n) {
                        return answer(program, n, counter);
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    private static String answer(String program, long n, AtomicInteger counter) {
        return switch (program) {
            case "square" -> Long.toString(n * n);
            case "cube" -> Long.toString(n * n * n);
            case "count" -> Integer.toString(counter.incrementAndGet());
            case "trap" -> throw new TrapException("wasm trap: unreachable");
            default -> throw new ModuleException("no scripted program '" + program + "'");
        };
    }
}
