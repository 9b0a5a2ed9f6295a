package dev.nebula.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine's energy counters, where the kernel exposes RAPL through powercap
 * ({@code /sys/class/powercap/<zone>/energy_uj}): the measured alternative to {@link EnergyCoefficient}'s estimate.
 * Only top-level zones ({@code intel-rapl:0}, not its sub-zone {@code intel-rapl:0:0}) are summed, since a sub-zone's
 * energy is already part of its parent's. Virtual machines usually have none, and then there is no measurement.
 */
final class PowercapEnergy {
    static final Path POWERCAP = Path.of("/sys/class/powercap");

    private final List<Path> zones;
    private final long[] wrapMicroJoules;

    private PowercapEnergy(List<Path> zones, long[] wrapMicroJoules) {
        this.zones = zones;
        this.wrapMicroJoules = wrapMicroJoules;
    }

    /** The readable top-level RAPL zones under {@code root}, or empty when there are none. */
    static Optional<PowercapEnergy> under(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        List<Path> zones = new ArrayList<>();
        List<Long> wraps = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path zone : entries.sorted().toList()) {
                String name = zone.getFileName().toString();
                if (!name.matches("[a-z-]*rapl:\\d+")) {
                    continue;
                }
                Optional<Long> energy = readLong(zone.resolve("energy_uj"));
                if (energy.isPresent()) {
                    zones.add(zone);
                    wraps.add(readLong(zone.resolve("max_energy_range_uj")).orElse(Long.MAX_VALUE));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return zones.isEmpty() ? Optional.empty()
                : Optional.of(new PowercapEnergy(zones, wraps.stream().mapToLong(Long::longValue).toArray()));
    }

    /** Every zone's counter now, in µJ. */
    long[] read() {
        long[] counters = new long[zones.size()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = readLong(zones.get(i).resolve("energy_uj")).orElseThrow(() ->
                    new IllegalStateException("RAPL counter became unreadable"));
        }
        return counters;
    }

    /** µJ used between two readings, summed over zones; a counter that wrapped around its range is unwrapped. */
    long microJoulesBetween(long[] before, long[] after) {
        long total = 0;
        for (int i = 0; i < before.length; i++) {
            long delta = after[i] - before[i];
            total += delta >= 0 ? delta : delta + wrapMicroJoules[i];
        }
        return total;
    }

    List<String> zoneNames() {
        return zones.stream().map(zone -> zone.getFileName().toString()).toList();
    }

    private static Optional<Long> readLong(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // unreadable (often root-only since CVE-2020-8694) counts as absent
        }
    }
}
