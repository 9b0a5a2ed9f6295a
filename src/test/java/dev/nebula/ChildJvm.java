package dev.nebula;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A finished child JVM: the command, its exit code and its output (stdout and stderr together). */
public record ChildJvm(List<String> command, int exitCode, String output) {

    /** For assertion messages: the command, exit code and output. */
    public String report() {
        return "\n$ " + String.join(" ", command) + "\nexit " + exitCode + "\n" + output;
    }

    /** Runs {@code mainClass} with {@code args} on the test class path, in {@code java} (e.g. this JDK's). */
    public static ChildJvm run(Path java, List<String> jvmFlags, String mainClass, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return run(command);
    }

    /** Runs {@code java -jar jar args}, in this JDK's {@code java}. */
    public static ChildJvm runJar(Path jar, List<String> args) throws IOException, InterruptedException {
        return runJar(jar, List.of(), args);
    }

    /** Runs {@code java jvmFlags -jar jar args}, in this JDK's {@code java}. */
    public static ChildJvm runJar(Path jar, List<String> jvmFlags, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(thisJava().toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        return run(command);
    }

    private static ChildJvm run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish: " + command + "\n" + output);
        }
        return new ChildJvm(command, process.exitValue(), output);
    }

    /** This JDK's {@code java}. */
    public static Path thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
