package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.Need;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code serve} in a child JVM: a bad option, or a bind beyond loopback without a token, exits 2 with one line. */
@Tag(Need.CHILD_JVM)
class ServeCommandLineTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--timeout-ms 0|--timeout-ms must be in 1..3600000",
            "--queue-wait-ms -1|--queue-wait-ms must be in 0..600000",
            "--drain-ms -5|--drain-ms must be in 0..600000",
            "--bind 0.0.0.0|give --token-file FILE"})
    void refusesToStartWithExitTwoAndOneLine(String args, String mention) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ServeCommand.class.getName()));
        command.addAll(List.of(args.split(" ")));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("WARNING")).reduce("", (a, b) -> a + b + "\n");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "serve did not exit");
        assertEquals(2, process.exitValue(), stderr);
        assertEquals(1, stderr.lines().count(), "one line, no stack trace: " + stderr);
        assertFalse(stderr.contains("Exception"), stderr);
        assertTrue(stderr.contains(mention), stderr);
    }
}
