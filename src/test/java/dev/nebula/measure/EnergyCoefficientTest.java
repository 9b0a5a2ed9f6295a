package dev.nebula.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.NebulaException;
import org.junit.jupiter.api.Test;

/** The watts per busy core behind energy.estimated: CCF's figure for the CPU, its fallback, the override. */
class EnergyCoefficientTest {

    private static String cpuInfo(String vendor, int family, int model, int stepping, String name) {
        return "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: " + family + "\nmodel\t\t: " + model
                + "\nmodel name\t: " + name + "\nstepping\t: " + stepping + "\n\nprocessor\t: 1\nvendor_id\t: other\n";
    }

    @Test
    void anEpycRomeGetsCcfsSecondGenerationFigure() {
        EnergyCoefficient rome = EnergyCoefficient.fromCpuInfo(cpuInfo("AuthenticAMD", 23, 49, 0, "AMD EPYC 7B12"));
        assertEquals(1.69 - 0.47, rome.wattsPerCore(), 1e-9);
        assertTrue(rome.source().contains("Cloud Carbon Footprint") && rome.source().contains("AMD EPYC 2nd gen"), rome.source());
        // the model number alone names the generation too: 7xx3 is Milan
        assertEquals(2.02 - 0.45, EnergyCoefficient.fromCpuInfo(cpuInfo("AuthenticAMD", 0, 0, 0, "AMD EPYC 7R13 Processor")).wattsPerCore(), 1e-9);
    }

    @Test
    void intelSkylakeAndCascadeLakeShareAModelAndDifferByStepping() {
        assertEquals(4.26 - 0.65, EnergyCoefficient.fromCpuInfo(cpuInfo("GenuineIntel", 6, 0x55, 4, "Intel(R) Xeon(R) Platinum 8175M")).wattsPerCore(), 1e-9);
        assertEquals(3.97 - 0.64, EnergyCoefficient.fromCpuInfo(cpuInfo("GenuineIntel", 6, 0x55, 7, "Intel(R) Xeon(R) Platinum 8259CL")).wattsPerCore(), 1e-9);
    }

    @Test
    void aCpuCcfDoesNotKnowGetsCcfsAverageAndSaysWhy() {
        // this project's VM: a Zen 5 EPYC whose model name names no generation
        EnergyCoefficient unknown = EnergyCoefficient.fromCpuInfo(cpuInfo("AuthenticAMD", 26, 2, 0, "AMD EPYC"));
        assertEquals(3.5 - 0.74, unknown.wattsPerCore(), 1e-9);
        assertTrue(unknown.source().contains("average") && unknown.source().contains("no CCF figures for AuthenticAMD family 26"),
                unknown.source());
    }

    @Test
    void theSystemPropertyOverridesAndABadValueSaysWhatIsValid() {
        EnergyCoefficient given = EnergyCoefficient.fromProperty("2.5");
        assertEquals(2.5, given.wattsPerCore());
        assertTrue(given.source().contains(EnergyCoefficient.PROPERTY));
        NebulaException e = assertThrows(NebulaException.class, () -> EnergyCoefficient.fromProperty("lots"));
        assertTrue(e.getMessage().contains("watts per busy core"), e.getMessage());
        assertThrows(NebulaException.class, () -> EnergyCoefficient.fromProperty("-1"));
    }

    @Test
    void theSidecarEntryNamesTheEstimate() {
        assertTrue(new EnergyCoefficient(1, "x").describe().keySet().stream().allMatch(key -> key.startsWith("energy.estimated.")));
    }
}
