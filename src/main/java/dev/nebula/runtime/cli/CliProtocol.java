package dev.nebula.runtime.cli;

import dev.nebula.ModuleException;
import dev.nebula.NebulaException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionArtifact;
import dev.nebula.runtime.UserFunctionCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The functions' command line, as issue 2 defines it, in one place for every runtime that runs it: the native
 * binary (process, docker) and the WASI command module (Chicory, GraalWasm). One shot {@code nebula <fn> <n>},
 * and {@code nebula serve}, one line {@code <fn> <n>} in, one line out (the result, or {@code error: <message>}).
 */
public final class CliProtocol {
    /** With this variable set to 1, a one-shot run reports its own timestamps on stderr (see {@link Timestamps}). */
    public static final String TIMESTAMPS_ENV = "NEBULA_TIMESTAMPS";
    /** The argument that starts the warm server. */
    public static final String SERVE = "serve";
    /** After {@link #SERVE}: serve one connection accepted on this unix socket instead of stdin and stdout. */
    public static final String SOCKET_OPTION = "--socket";

    private static final String ERROR_PREFIX = "error: ";

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private CliProtocol() {}

    /**
     * Checks, at deploy, that a runtime was handed a native executable: the {@link Abi#CLI} ABI and an ELF file, or a
     * user function's static binary ({@link Abi#COMMAND}); without this, a shell would be tried on anything else and
     * fail much later, obscurely.
     */
    public static void requireNativeBinary(String runtimeId, FunctionArtifact module) {
        if (module.abi() == Abi.COMMAND) {
            UserFunctionCheck.validateBinary(module.name(), module.bytes());
            return;
        }
        if (module.abi() != Abi.CLI) {
            throw new IllegalArgumentException("runtime " + runtimeId + " deploys the " + Abi.CLI + " ABI (and a user function's"
                    + " static binary, the " + Abi.COMMAND + " ABI) only, not " + module.abi());
        }
        byte[] bytes = module.bytes();
        for (int i = 0; i < ELF_MAGIC.length; i++) {
            if (bytes.length <= i || bytes[i] != ELF_MAGIC[i]) {
                throw new ModuleException(module + " is not an ELF executable; build the native binary with: bash wasm-modules/build.sh");
            }
        }
    }

    /** The arguments of a one-shot run, after the program itself; validates n first. */
    public static List<String> oneShotArguments(CatalogFunction function, long n) {
        function.requireValidInput(n);
        return List.of(function.id(), Long.toString(n));
    }

    /** One request line of {@code serve}, newline included; validates n first. */
    public static byte[] request(CatalogFunction function, long n) {
        function.requireValidInput(n);
        return (function.id() + ' ' + n + '\n').getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The raw result bits of one response line of {@code serve}. Since n was validated before the request, an
     * {@code error:} line means the binary and the catalog disagree: a {@link TrapException}.
     */
    public static long parseResponse(CatalogFunction function, long n, String line) {
        if (line.startsWith(ERROR_PREFIX)) {
            throw new TrapException("nebula serve rejected '" + function.id() + " " + n + "': " + line.substring(ERROR_PREFIX.length()));
        }
        return parseResult("nebula serve answering '" + function.id() + " " + n + "'", function, line);
    }

    /**
     * The result of a finished one-shot run: its raw bits and its own timestamps. A non-zero exit is a
     * {@link TrapException} that carries the exit code and what the binary said on stderr.
     */
    public static OneShot parseOneShot(CatalogFunction function, long n, int exitCode, String stdout, String stderr) {
        return new OneShot(runResult("nebula " + function.id() + " " + n, function, exitCode, stdout, stderr),
                Timestamps.find(stderr));
    }

    /**
     * What one command-line run answered, native or WASI: a non-zero exit is a {@link TrapException} carrying
     * stderr; otherwise the result printed on stdout, as raw bits.
     *
     * @param what the run, as the error message should name it
     */
    public static long runResult(String what, CatalogFunction function, int exitCode, String stdout, String stderr) {
        if (exitCode != 0) {
            throw new TrapException(what + " exited with code " + exitCode + (stderr.isBlank() ? "" : "; stderr: " + stderr.strip()));
        }
        return parseResult(what, function, stdout);
    }

    private static long parseResult(String what, CatalogFunction function, String text) {
        try {
            return function.resultKind().parse(text);
        } catch (NebulaException e) {
            throw new TrapException(what + " printed no result: " + e.getMessage(), e);
        }
    }

    /** A one-shot run's result bits, and its timestamps when it reported them. */
    public record OneShot(long bits, Timestamps timestamps) {}
}
