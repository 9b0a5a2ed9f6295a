package dev.nebula.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.BuildInfo;
import dev.nebula.ChildJvm;
import dev.nebula.Need;
import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/benchmarks.jar} against what could destroy a file or a result: a device or a symlink as
 * {@code -rff}, another run's JMH lock, a {@code -Dnebula.timeout} on the launcher, and SIGINT mid-run.
 */
@Tag(Need.CHILD_JVM)
class RunSafetyTest {
    private static final Path JAR = Path.of(System.getProperty("nebula.jar", BuildInfo.PROJECT_DIR + "/target/benchmarks.jar"));
    private static final List<String> ONE_CASE = List.of("SteadyState", "-p", "runtime=java", "-p", "fn=fib", "-p", "n=S",
            "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms");

    @TempDir
    Path temp;

    @Test
    @Tag(Need.ROOT)
    void aCharacterDeviceStaysADeviceAndNothingRuns() throws Exception {
        Path device = temp.resolve("full");
        assertEquals(0, new ProcessBuilder("mknod", device.toString(), "c", "1", "7").inheritIO().start().waitFor()); // as /dev/full
        ChildJvm child = jar(List.of(), args(ONE_CASE, "-rff", device.toString()));
        assertEquals(2, child.exitCode(), child.report());
        assertTrue(child.output().contains(device + ": it is a character device; results go to a regular file or a new name"), child.report());
        assertFalse(child.output().contains("# Benchmark:"), "refused before any benchmark: " + child.report());
        assertEquals(0020000, (Integer) Files.getAttribute(device, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000, "still a character device");
    }

    @Test
    @Tag(Need.JMH)
    void aSymlinkStaysALinkAndItsTargetGetsTheResults() throws Exception {
        Path target = Files.writeString(temp.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(temp.resolve("out.json"), Path.of("real.json"));
        ChildJvm child = jar(List.of("-Djmh.ignoreLock=true"), args(ONE_CASE, "-rff", link.toString()));
        assertEquals(0, child.exitCode(), child.report());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(1, JmhResults.read(target).size(), "-rff x.json means JSON, written through the link");
    }

    @Test
    @Tag(Need.JMH)
    void aLauncherTimeoutReachesTheForksAndStopsARunaway() throws Exception {
        // prime at L takes ~1 s on Chicory's interpreter; 1 ms is far past it. No -jvmArgsAppend: the launcher's -D alone.
        ChildJvm child = jar(List.of("-Djmh.ignoreLock=true", "-Dnebula.timeout=1ms"), List.of("SteadyState", "-p", "runtime=chicory-interp",
                "-p", "fn=prime", "-p", "n=L", "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms"));
        assertEquals(1, child.exitCode(), child.report());
        assertTrue(child.output().contains("timed out after 1 ms"), child.report());
    }

    @Test
    void aRunLockedOutByAnotherExitsTwoAndLeavesTheFileAsItWas() throws Exception {
        Path tmp = Files.createDirectory(temp.resolve("tmp")); // a private java.io.tmpdir: other people's JMH runs keep theirs
        Path lock = tmp.resolve("jmh.lock");
        Path results = Files.writeString(temp.resolve("out.json"), "[ \"an earlier run's results\" ]");
        byte[] before = Files.readAllBytes(results);
        ChildJvm child;
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            child = jar(List.of("-Djava.io.tmpdir=" + tmp), args(ONE_CASE, "-rf", "json", "-rff", results.toString()));
        }
        assertEquals(2, child.exitCode(), child.report());
        assertTrue(child.output().contains("another JMH run holds the lock " + lock) && child.output().contains("-Djmh.ignoreLock=true"), child.report());
        assertArrayEquals(before, Files.readAllBytes(results), "the existing file is byte-identical");
    }

    @Test
    @Tag(Need.JMH)
    void sigintAfterTheFirstFinishedCaseKeepsItAndExits130() throws Exception {
        Path json = temp.resolve("out.json");
        List<String> command = new ArrayList<>(List.of(ChildJvm.thisJava().toString(), "-Djmh.ignoreLock=true", "-jar", JAR.toString(),
                "SteadyState", "-p", "runtime=java", "-p", "fn=fib", "-p", "n=S,M,L", "-f", "1", "-wi", "0", "-i", "2", "-r", "1s",
                "-rff", json.toString()));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        List<ProcessHandle> forks = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            int cases = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("# Fork: 1 of 1") && ++cases == 2) { // the first case has finished; the second's fork starts
                    Thread.sleep(500);
                    forks.addAll(launcher.descendants().toList());
                    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(launcher.pid())).start().waitFor());
                }
            }
        }
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), output.toString());
        assertEquals(130, launcher.exitValue(), output.toString());
        assertTrue(output.toString().contains("nebula: SIGINT: 1 case(s) had finished"), output.toString());
        assertFalse(forks.isEmpty(), "a fork was running: " + output);
        assertTrue(forks.stream().noneMatch(ProcessHandle::isAlive), "every fork is gone");
        List<Measurement> kept = JmhResults.read(json);
        assertEquals(List.of(Map.of("abi", "default", "fn", "fib", "n", "S", "runtime", "java")),
                kept.stream().map(Measurement::params).toList(), "the finished case, and only it: " + output);
    }

    private ChildJvm jar(List<String> jvmFlags, List<String> args) throws Exception {
        return ChildJvm.runJar(JAR, jvmFlags, args);
    }

    private static List<String> args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
