package dev.nebula.runtime;

import dev.nebula.BuildInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The functions in src/test/resources/foreign, written to the user-function contract by someone outside the project. */
public final class ForeignFixtures {
    public static final Path DIRECTORY = Path.of(BuildInfo.PROJECT_DIR, "src", "test", "resources", "foreign");
    /** collatz's answer for {@link #COLLATZ_N}: its number of steps to 1, from the fixtures' README. */
    public static final String COLLATZ_27 = "111";
    public static final long COLLATZ_N = 27;

    private ForeignFixtures() {}

    public static Path file(String name) {
        return DIRECTORY.resolve(name);
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** collatz.wasm with the static collatz binary. */
    public static UserFunction collatz() {
        return UserFunction.fromFiles(file("collatz.wasm"), Optional.of(file("collatz")));
    }

    /** A fixture module taken as it is, unchecked, as a runtime would be handed it by a caller that skipped the check. */
    public static UserFunction unchecked(String wasm) {
        return new UserFunction(wasm.replace(".wasm", ""), bytes(wasm), Optional.empty());
    }
}
