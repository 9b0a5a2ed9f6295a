package dev.nebula;

import dev.nebula.load.LoadMatrix;
import dev.nebula.report.Report;
import dev.nebula.run.Launcher;
import dev.nebula.serve.ServeCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one entry of {@code target/benchmarks.jar} (behind {@code dev.nebula.launch.JdkCheck}): its first argument
 * names a command, {@code serve}, {@code report} or {@code load}, which gets the other arguments; any other first
 * argument (or none) is JMH's, for the benchmarks ({@link Launcher}). Each command's own class keeps its
 * {@code main}, so {@code java -cp target/benchmarks.jar dev.nebula.report.Report ...} still works.
 */
public final class Nebula {
    /** A command of the jar: its name and its main. */
    record Command(String name, Main main) {}

    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    static final List<Command> COMMANDS = List.of(
            new Command("serve", ServeCommand::main),
            new Command("report", Report::main),
            new Command("load", LoadMatrix::main));

    private Nebula() {}

    public static void main(String[] args) throws Exception {
        Main main = commandOf(args).map(Command::main).orElse(null);
        if (main == null) {
            Launcher.main(args);
        } else {
            main.run(Arrays.copyOfRange(args, 1, args.length));
        }
    }

    /** The command the first argument names; empty for JMH's arguments (a pattern, an option or nothing). */
    static Optional<Command> commandOf(String[] args) {
        return args.length == 0 ? Optional.empty()
                : COMMANDS.stream().filter(command -> command.name().equals(args[0])).findFirst();
    }
}
