package dev.nebula.measure;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An external energy meter: a command ({@code -D}{@value #PROPERTY}{@code =<command>} in the fork, or the environment
 * variable {@value #ENVIRONMENT}; run by {@code /bin/sh -c})
 * that prints the meter's cumulative energy in joules, one number on stdout, each time it runs: a script reading a
 * smart PDU over Modbus, an IPMI or Redfish power reading integrated over time, a lab meter's log. It measures the
 * whole machine (or whatever the meter is wired to), as the thesis's wall meter did. A meter that fails, prints
 * anything but one number, or goes backwards stops the fork with one line naming the command and what it printed.
 */
final class EnergyMeter {
    public static final String PROPERTY = "nebula.energy.meter";
    /** The same, from the environment, which JMH's forks inherit whole (JMH splits {@code -jvmArgsAppend} at spaces). */
    public static final String ENVIRONMENT = "NEBULA_ENERGY_METER";
    static final long TIMEOUT_SECONDS = 10;

    private final String command;
    private double lastJoules = Double.NEGATIVE_INFINITY;

    EnergyMeter(String command) {
        this.command = command;
    }

    /** The meter the system property names, else the environment variable, or empty. */
    static Optional<EnergyMeter> configured() {
        String command = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        return command == null || command.isBlank() ? Optional.empty() : Optional.of(new EnergyMeter(command.strip()));
    }

    String command() {
        return command;
    }

    /** The meter's cumulative energy now, in joules; never less than its previous reading. */
    double joules() {
        Process meter;
        try {
            meter = new ProcessBuilder(List.of("/bin/sh", "-c", command)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw failure("could not be started: " + e.getMessage());
        }
        try {
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(meter.getErrorStream()));
            String stdout = readAll(meter.getInputStream());
            if (!meter.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                meter.destroyForcibly();
                throw failure("did not finish within " + TIMEOUT_SECONDS + " s; it printed '" + oneLine(stdout) + "'");
            }
            if (meter.exitValue() != 0) {
                throw failure("exited with " + meter.exitValue() + "; it printed '" + oneLine(stdout) + "', stderr '"
                        + oneLine(stderr.join()) + "'");
            }
            double joules = parse(stdout);
            if (joules < lastJoules) {
                throw failure("went backwards: " + joules + " J after " + lastJoules + " J; a meter must print its cumulative"
                        + " energy");
            }
            lastJoules = joules;
            return joules;
        } catch (InterruptedException e) {
            meter.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failure("was interrupted");
        }
    }

    private double parse(String stdout) {
        try {
            double joules = Double.parseDouble(stdout.strip());
            if (Double.isFinite(joules) && joules >= 0) {
                return joules;
            }
        } catch (NumberFormatException garbage) {
            // reported below, with what it printed
        }
        throw failure("printed '" + oneLine(stdout) + "', not one number of joules (the meter's cumulative energy, e.g. 123456.7)");
    }

    private NebulaException failure(String what) {
        return new NebulaException("the energy meter (-D" + PROPERTY + "=" + command + ") " + what);
    }

    private static String readAll(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String oneLine(String text) {
        String flat = text.strip().replace('\n', ' ');
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
