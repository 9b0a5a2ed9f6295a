package dev.nebula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The jar's one entry: a first word naming a command goes to that command; anything else is JMH's. */
class NebulaTest {
    private static Optional<String> command(String... args) {
        return Nebula.commandOf(args).map(Nebula.Command::name);
    }

    @Test
    void aFirstWordNamingACommandGoesToIt() {
        for (String name : List.of("serve", "report", "load")) {
            assertEquals(Optional.of(name), command(name, "--port", "8080"));
        }
    }

    @Test
    void jmhArgumentsAndNoArgumentsGoToTheBenchmarks() {
        assertEquals(Optional.empty(), command());
        assertEquals(Optional.empty(), command("SteadyState", "-p", "runtime=java"));
        assertEquals(Optional.empty(), command("-lprof"));
        assertEquals(Optional.empty(), command("-p", "report")); // a command's name later on is an argument, not a command
    }
}
