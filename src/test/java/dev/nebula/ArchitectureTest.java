package dev.nebula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The import direction of the packages: function ← runtime ← bench/serve/load; measure ← bench; results ← run, report.
 * Read from the compiled classes as {@code jdeps} would (a class's constant pool names every type it uses in code,
 * signatures and annotations) and from the sources' imports, which also show what the compiler inlined or only
 * Javadoc links to.
 */
class ArchitectureTest {
    /** The top-level packages above the libraries: nothing below may use them. */
    private static final Set<String> UPPER = Set.of("bench", "run", "serve", "report", "load");
    /** The libraries of the house: they depend on function, runtime and each other at most. */
    private static final Set<String> LOWER = Set.of("measure", "results", "runtime");
    private static final Pattern PACKAGE = Pattern.compile("dev/nebula/([a-z]+)/");
    private static final Pattern IMPORT = Pattern.compile("import (?:static )?dev\\.nebula\\.([a-z]+)\\.");

    @Test
    void noLibraryDependsOnTheLayersAboveIt() {
        List<String> violations = new ArrayList<>();
        dependencies().forEach((from, used) -> {
            if (LOWER.contains(packageOf(from))) {
                used.stream().filter(UPPER::contains).forEach(to -> violations.add(from + " -> " + to));
            }
        });
        assertEquals(List.of(), violations, "measure, results and runtime must not use bench, run, serve, report or load");
    }

    @Test
    void serveAndBenchDoNotKnowEachOther() {
        List<String> violations = new ArrayList<>();
        dependencies().forEach((from, used) -> {
            String own = packageOf(from);
            if (own.equals("serve") && used.contains("bench") || own.equals("bench") && used.contains("serve")) {
                violations.add(from + " -> " + (own.equals("serve") ? "bench" : "serve"));
            }
        });
        assertEquals(List.of(), violations, "serve and bench are two clients of runtime; neither may use the other");
    }

    @Test
    void theCatalogDependsOnNothingAboveIt() {
        List<String> violations = new ArrayList<>();
        dependencies().forEach((from, used) -> {
            if (packageOf(from).equals("function")) {
                used.stream().filter(to -> !to.equals("function")).forEach(to -> violations.add(from + " -> " + to));
            }
        });
        assertEquals(List.of(), violations, "function may use only itself and the root package's exceptions");
    }

    @Test
    void theReaderSeesEveryPackage() {
        Set<String> seen = new TreeSet<>();
        dependencies().keySet().forEach(name -> seen.add(packageOf(name)));
        assertTrue(seen.containsAll(List.of("function", "runtime", "bench", "measure", "run", "results", "report", "serve")),
                "found the classes of " + seen);
    }

    /** The top-level package of a class name such as {@code dev/nebula/runtime/chicory/X}, or "" for the root. */
    private static String packageOf(String className) {
        Matcher matcher = PACKAGE.matcher(className);
        return matcher.lookingAt() ? matcher.group(1) : "";
    }

    /** Each main class or source file, by internal name, to the top-level packages of dev.nebula it uses (its own included). */
    static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> uses = new TreeMap<>();
        classFileDependencies(uses);
        sourceImports(uses);
        return uses;
    }

    private static void sourceImports(Map<String, Set<String>> uses) {
        Path sources = Path.of(BuildInfo.PROJECT_DIR, "src", "main", "java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String name = sources.relativize(file).toString().replace('\\', '/').replaceAll("\\.java$", "");
                Set<String> used = uses.computeIfAbsent(name, key -> new TreeSet<>());
                for (String line : Files.readAllLines(file)) {
                    Matcher matcher = IMPORT.matcher(line);
                    if (matcher.lookingAt()) {
                        used.add(matcher.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void classFileDependencies(Map<String, Set<String>> uses) {
        try (Stream<Path> files = Files.walk(classesRoot())) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
                String name = model.thisClass().asInternalName();
                if (name.contains("/jmh_generated/")) {
                    continue; // JMH's generated harness, not ours
                }
                Set<String> used = new TreeSet<>();
                for (PoolEntry entry : model.constantPool()) {
                    if (entry instanceof Utf8Entry utf8) {
                        Matcher matcher = PACKAGE.matcher(utf8.stringValue());
                        while (matcher.find()) {
                            used.add(matcher.group(1));
                        }
                    }
                }
                uses.computeIfAbsent(name, key -> new TreeSet<>()).addAll(used);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path classesRoot() {
        try {
            return Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
