package dev.nebula;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The jar Nebula's classes come from, for the commands that start another JVM on the same code. */
public final class ThisJar {
    private ThisJar() {}

    /** The jar by its absolute path; empty when the classes come from a directory (target/classes, an IDE). */
    public static Optional<Path> path() {
        try {
            Path location = Path.of(ThisJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty(); // no code source to read: as good as no jar
        }
    }

    /**
     * A class path that reaches Nebula's classes: the jar's absolute path when there is one, so that a command is the
     * same from any working directory (an AOT cache records the class path it was trained with); else this JVM's.
     */
    public static String classPath() {
        return path().map(Path::toString).orElseGet(() -> System.getProperty("java.class.path"));
    }
}
