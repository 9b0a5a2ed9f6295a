package dev.nebula.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.runtime.graalwasm.GraalWasmRuntime;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settling cap: the user's (or the quick run's) cap wins over a runtime's default, which wins over 30 s. */
class WarmUpCapTest {
    private static Properties of(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void theGivenCapWinsOverARuntimesDefaultWhichWinsOverThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), WarmUp.cap(of()));
        assertEquals(Duration.ofSeconds(180), WarmUp.cap(of(WarmUp.CAP_DEFAULT_PROPERTY, "180")));
        assertEquals(Duration.ZERO, WarmUp.cap(of(WarmUp.CAP_DEFAULT_PROPERTY, "180", WarmUp.CAP_PROPERTY, "0")), "the quick run's 0");
        assertEquals(Duration.ofSeconds(5), WarmUp.cap(of(WarmUp.CAP_PROPERTY, "5")));
    }

    @Test
    void graalWasmsForksCarryALongerDefaultCapUnderWarmUpsPropertyName() {
        String prefix = "-D" + WarmUp.CAP_DEFAULT_PROPERTY + "=";
        String flag = GraalWasmRuntime.DESCRIPTOR.forkJvmFlags().stream().filter(f -> f.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + GraalWasmRuntime.DESCRIPTOR.forkJvmFlags()));
        assertTrue(Long.parseLong(flag.substring(prefix.length())) > 30, flag);
    }
}
