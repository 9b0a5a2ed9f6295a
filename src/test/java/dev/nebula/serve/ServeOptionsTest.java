package dev.nebula.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every option of {@code serve} checked before anything starts: a bad value is one message naming the valid range. */
class ServeOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--timeout-ms|0|--timeout-ms must be in 1..3600000; got 0",
            "--queue-wait-ms|-1|--queue-wait-ms must be in 0..600000; got -1",
            "--drain-ms|-5|--drain-ms must be in 0..600000; got -5",
            "--port|70000|--port must be in 0..65535; got 70000",
            "--max-concurrent|0|--max-concurrent must be in 1..1024; got 0",
            "--max-header|100|--max-header must be in 1024..65536; got 100",
            "--header-timeout-ms|0|--header-timeout-ms must be in 100..600000; got 0",
            "--max-body|-1|--max-body must be in 0..1073741824; got -1",
            "--timeout-ms|٣|--timeout-ms takes a whole number in 1..3600000; got '٣'",
            "--port|+80|--port takes a whole number in 0..65535; got '+80'"})
    void aValueOutsideItsRangeIsRefusedNamingTheRange(String option, String value, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ServeOptions.parse(new String[] {option, value}));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theConnectionCapStaysBelowTheFileDescriptorLimit() {
        long max = HttpLimits.maxConnectionsRange().max();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ServeOptions.parse(new String[] {"--max-connections", Long.toString(max + 1)}));
        assertTrue(e.getMessage().startsWith("--max-connections must be in 1.." + max), e.getMessage());
        assertTrue(HttpLimits.defaults().maxConnections() <= max);
    }

    @Test
    void aNonLoopbackBindWithoutATokenIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ServeOptions.parse(new String[] {"--bind", "0.0.0.0"}));
        assertTrue(e.getMessage().contains("--token-file FILE"), e.getMessage());
    }

    @Test
    void aTokenFileIsReadStrippedAndAShortOneRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  0123456789abcdef0123\n");
        ServeOptions options = ServeOptions.parse(new String[] {"--bind", "0.0.0.0", "--token-file", file.toString(), "--host-name", "a.lan,B.lan"});
        assertEquals("0123456789abcdef0123", options.access().token());
        assertEquals(List.of("a.lan", "b.lan"), options.access().hostNames());
        assertFalse(options.toString().contains("0123456789abcdef0123"), "the token is never printed");
        Files.writeString(file, "short");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ServeOptions.parse(new String[] {"--token-file", file.toString()}));
        assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
    }

    @Test
    void everyLimitIsReadFromItsOption() {
        ServeOptions options = ServeOptions.parse(new String[] {"--max-body", "0", "--max-header", "4096", "--header-timeout-ms", "700",
                "--idle-timeout-ms", "9000", "--max-connections", "100", "--runtimes", " Java ,WASMTIME"});
        assertEquals(new HttpLimits(0, 4096, Duration.ofMillis(700), Duration.ofSeconds(9), 100), options.http());
        assertEquals(List.of("java", "wasmtime"), options.deployAtStart());
    }
}
