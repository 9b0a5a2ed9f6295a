package dev.nebula.run;

import dev.nebula.results.Sidecar;
import dev.nebula.runtime.UserFunction;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run of a user function, as the launcher planned it from {@code -p module}, {@code -p binary}, {@code -p n} and
 * {@code -p expect}: what the answer check runs before any timing, and what the sidecar records.
 *
 * @param module the module's path as given
 * @param binary the binary's path as given, if any
 */
public record UserFunctionRun(UserFunction function, String module, Optional<String> binary, List<Long> inputs, Optional<String> expect) {

    /** The sidecar's record of the files: their names, sizes and SHA-256, so the numbers tie to the exact bytes. */
    public Sidecar.UserFunctionFiles files() {
        return new Sidecar.UserFunctionFiles(function.name(), fileName(module), (long) function.module().length,
                function.moduleSha256(), binary.map(UserFunctionRun::fileName).orElse(null),
                function.binary().map(bytes -> (long) bytes.length).orElse(null), function.binarySha256().orElse(null));
    }

    private static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }
}
