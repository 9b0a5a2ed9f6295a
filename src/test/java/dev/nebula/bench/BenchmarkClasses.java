package dev.nebula.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.State;

/** The benchmark package's classes as compiled, so a check covers a benchmark added later without being told of it. */
final class BenchmarkClasses {
    private BenchmarkClasses() {}

    /** Every class of the bench package, nested ones included (JMH's generated ones live in a package below). */
    static List<Class<?>> all() {
        try {
            Path root = Path.of(CaseParams.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path bench = root.resolve(CaseParams.class.getPackageName().replace('.', '/'));
            try (Stream<Path> files = Files.list(bench)) {
                return files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".class"))
                        .<Class<?>>map(name -> load(CaseParams.class.getPackageName() + "." + name.substring(0, name.length() - ".class".length())))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classes with a {@code @Benchmark} method. */
    static List<Class<?>> benchmarks() {
        return all().stream().filter(type -> Arrays.stream(type.getDeclaredMethods()).anyMatch(BenchmarkClasses::isBenchmark)).toList();
    }

    /** The concrete {@code @State} classes with a {@code runtime} parameter, declared or inherited. */
    static List<Class<?>> statesWithARuntime() {
        return all().stream()
                .filter(type -> type.isAnnotationPresent(State.class) && !Modifier.isAbstract(type.getModifiers()))
                .filter(type -> Arrays.stream(type.getFields()).anyMatch(f -> f.getName().equals("runtime") && f.isAnnotationPresent(Param.class)))
                .toList();
    }

    private static boolean isBenchmark(Method method) {
        return method.isAnnotationPresent(Benchmark.class);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, CaseParams.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
