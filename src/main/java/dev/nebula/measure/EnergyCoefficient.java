package dev.nebula.measure;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watts one busy core adds to the machine's draw: the coefficient that turns CPU time into an <em>estimated</em>
 * energy where no counter measures it (no RAPL, as on virtual machines).
 *
 * <p>The figures are Cloud Carbon Footprint's per-vCPU watts by micro-architecture (max − min: the draw of a fully
 * busy vCPU over an idle one), from CCF's {@code COMPUTE_PROCESSOR_TYPES} ({@code min_watts_avg},
 * {@code max_watts_avg}); a CPU CCF has no figures for gets CCF's average over the micro-architectures AWS uses
 * ({@code MAX_WATTS_AVG} 3.5 − {@code MIN_WATTS_AVG} 0.74). The system property {@value #PROPERTY} overrides it.
 *
 * @param wattsPerCore watts per busy core (max − min)
 * @param source where the figure comes from, in words, for the sidecar and the report
 */
public record EnergyCoefficient(double wattsPerCore, String source) {
    /** Overrides the coefficient, in watts per busy core. */
    public static final String PROPERTY = "nebula.energy.wattsPerCore";
    static final String CCF = "Cloud Carbon Footprint per-vCPU watts (max - min)";

    /** CCF's micro-architectures with their min and max watts per vCPU. */
    enum Family {
        CASCADE_LAKE("Intel Cascade Lake", 0.64, 3.97),
        SKYLAKE("Intel Skylake", 0.65, 4.26),
        BROADWELL("Intel Broadwell", 0.71, 3.69),
        HASWELL("Intel Haswell", 1.00, 4.74),
        COFFEE_LAKE("Intel Coffee Lake", 1.14, 5.42),
        SANDY_BRIDGE("Intel Sandy Bridge", 2.17, 8.58),
        IVY_BRIDGE("Intel Ivy Bridge", 3.04, 8.25),
        AMD_EPYC_1ST_GEN("AMD EPYC 1st gen", 0.82, 2.55),
        AMD_EPYC_2ND_GEN("AMD EPYC 2nd gen", 0.47, 1.69),
        AMD_EPYC_3RD_GEN("AMD EPYC 3rd gen", 0.45, 2.02),
        /** CCF's fallback for an unknown micro-architecture: its average over those AWS uses. */
        AVERAGE("average of CCF's AWS micro-architectures", 0.74, 3.5);

        final String label;
        final double minWatts;
        final double maxWatts;

        Family(String label, double minWatts, double maxWatts) {
            this.label = label;
            this.minWatts = minWatts;
            this.maxWatts = maxWatts;
        }

        double wattsPerBusyCore() {
            return maxWatts - minWatts;
        }
    }

    private static final Pattern EPYC_MODEL_NUMBER = Pattern.compile("EPYC\\s+7\\w\\w([123])\\b");

    /** The coefficient for this machine: the system property if set, else CCF's figure for its CPU. */
    public static EnergyCoefficient forThisMachine() {
        String override = System.getProperty(PROPERTY);
        if (override != null) {
            return fromProperty(override);
        }
        try {
            return fromCpuInfo(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            return of(Family.AVERAGE, "/proc/cpuinfo unreadable (" + e.getMessage() + ")");
        }
    }

    static EnergyCoefficient fromProperty(String value) {
        double watts;
        try {
            watts = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new NebulaException("-D" + PROPERTY + "='" + value + "' is not a number; give watts per busy core, e.g. "
                    + Family.AMD_EPYC_2ND_GEN.wattsPerBusyCore() + " (" + Family.AMD_EPYC_2ND_GEN.label + ")", e);
        }
        if (!(watts > 0) || Double.isInfinite(watts)) {
            throw new NebulaException("-D" + PROPERTY + "=" + value + " must be a positive number of watts per busy core");
        }
        return new EnergyCoefficient(watts, "system property " + PROPERTY);
    }

    /** CCF's figure for the first processor of a {@code /proc/cpuinfo} text. */
    static EnergyCoefficient fromCpuInfo(String cpuInfo) {
        Map<String, String> cpu = firstProcessor(cpuInfo);
        String described = cpu.getOrDefault("vendor_id", "?") + " family " + cpu.getOrDefault("cpu family", "?") + " model "
                + cpu.getOrDefault("model", "?") + " (" + cpu.getOrDefault("model name", "?") + ")";
        return family(cpu).map(family -> of(family, described))
                .orElseGet(() -> of(Family.AVERAGE, "no CCF figures for " + described));
    }

    private static EnergyCoefficient of(Family family, String why) {
        return new EnergyCoefficient(family.wattsPerBusyCore(), String.format(Locale.ROOT, "%s, %s: %.2f - %.2f W; %s",
                CCF, family.label, family.maxWatts, family.minWatts, why));
    }

    static Optional<Family> family(Map<String, String> cpu) {
        String vendor = cpu.getOrDefault("vendor_id", "");
        String name = cpu.getOrDefault("model name", "");
        int family = intField(cpu, "cpu family");
        int model = intField(cpu, "model");
        int stepping = intField(cpu, "stepping");
        if (vendor.equals("AuthenticAMD")) {
            Matcher number = EPYC_MODEL_NUMBER.matcher(name);
            if (number.find()) { // EPYC 7xx1 is Naples, 7xx2 Rome, 7xx3 Milan
                return Optional.of(switch (number.group(1)) {
                    case "1" -> Family.AMD_EPYC_1ST_GEN;
                    case "2" -> Family.AMD_EPYC_2ND_GEN;
                    default -> Family.AMD_EPYC_3RD_GEN;
                });
            }
            if (family == 0x17 && model == 0x01) return Optional.of(Family.AMD_EPYC_1ST_GEN); // Zen, Naples
            if (family == 0x17 && model == 0x31) return Optional.of(Family.AMD_EPYC_2ND_GEN); // Zen 2, Rome
            if (family == 0x19 && model == 0x01) return Optional.of(Family.AMD_EPYC_3RD_GEN); // Zen 3, Milan
            return Optional.empty();
        }
        if (vendor.equals("GenuineIntel") && family == 6) {
            return Optional.ofNullable(switch (model) {
                case 0x2A, 0x2D -> Family.SANDY_BRIDGE;
                case 0x3A, 0x3E -> Family.IVY_BRIDGE;
                case 0x3C, 0x3F, 0x45, 0x46 -> Family.HASWELL;
                case 0x3D, 0x47, 0x4F, 0x56 -> Family.BROADWELL;
                case 0x55 -> stepping >= 5 ? Family.CASCADE_LAKE : Family.SKYLAKE; // same model, stepping 5-7 is Cascade Lake
                case 0x4E, 0x5E -> Family.SKYLAKE;
                case 0x9E -> Family.COFFEE_LAKE;
                default -> null;
            });
        }
        return Optional.empty();
    }

    private static int intField(Map<String, String> cpu, String key) {
        try {
            return Integer.parseInt(cpu.getOrDefault(key, "-1").strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> firstProcessor(String cpuInfo) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : cpuInfo.split("\n")) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** What the sidecar records: the coefficient and where it comes from; energy from it is an estimate. */
    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("energy.estimated.wattsPerCore", wattsPerCore);
        described.put("energy.estimated.source", source);
        return described;
    }
}
