package dev.nebula.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import dev.nebula.NebulaException;
import dev.nebula.function.CatalogFunction;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/** One spelling of ids and sizes in what JMH gets and records, ASCII digits only, and a result file's name deciding its format. */
class IdSpellingTest {

    @Test
    void parametersReachJmhInTheirOneSpelling() throws Exception {
        Map<String, String[]> canonical = RunPlan.canonicalParameters(new CommandLineOptions(
                "-p", "fn=FIB, Prime", "-p", "n=s,007,+5, l", "-p", "runtime=JAVA", "-p", "abi=Default,WASI"));
        assertArrayEquals(new String[] {"fib", "prime"}, canonical.get("fn"));
        assertArrayEquals(new String[] {"S", "7", "5", "L"}, canonical.get("n"));
        assertArrayEquals(new String[] {"java"}, canonical.get("runtime"));
        assertArrayEquals(new String[] {"default", "wasi"}, canonical.get("abi"));
    }

    @Test
    void onlyAsciiDigitsAreANumber() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CatalogFunction.FIB.input("\u0663"));
        assertTrue(e.getMessage().contains("must be a whole number"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> CatalogFunction.FIB.input("\uff13")); // fullwidth 3
        assertEquals(3, CatalogFunction.FIB.input(" 3 "));
        assertEquals("\u0663", CatalogFunction.canonicalInput("\u0663"), "left as typed, for input() to reject");
    }

    @Test
    void aResultFileNamedJsonIsJsonAndAContradictionIsBadInput() throws Exception {
        assertEquals(ResultFormatType.JSON, Launcher.ResultFile.of(new CommandLineOptions("-rff", "x.json")).orElseThrow().format());
        assertEquals(ResultFormatType.CSV, Launcher.ResultFile.of(new CommandLineOptions("-rff", "x.CSV")).orElseThrow().format());
        assertEquals(ResultFormatType.TEXT, Launcher.ResultFile.of(new CommandLineOptions("-rf", "text", "-rff", "x.log")).orElseThrow().format());
        NebulaException e = assertThrows(NebulaException.class, () -> Launcher.ResultFile.of(new CommandLineOptions("-rf", "csv", "-rff", "x.json")));
        assertTrue(e.getMessage().contains("-rf csv contradicts -rff x.json"), e.getMessage());
    }
}
