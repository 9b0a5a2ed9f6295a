package dev.nebula.runtime;

import dev.nebula.ContractException;
import dev.nebula.TrapException;
import java.util.List;

/**
 * What a user function ({@link Abi#COMMAND}) answered, read the same way on every runtime: exit code 0 and exactly one
 * line on stdout, its line end removed, compared as text. Anything else is a one-line error.
 */
public final class CommandAnswer {
    /** Longest piece of stderr an error quotes: enough for a message, never a dump. */
    private static final int MAX_QUOTE = 200;

    private CommandAnswer() {}

    /** The command line of one run: the program's name, then n, as the contract has it. */
    public static List<String> arguments(String program, long n) {
        return List.of(program, Long.toString(n));
    }

    /**
     * The answer of a finished run. A non-zero exit is a {@link TrapException} quoting stderr's first line; stdout that
     * is not one line is a {@link ContractException}.
     *
     * @param what the run, as the error message should name it
     */
    public static String of(String what, int exitCode, String stdout, String stderr) {
        if (exitCode != 0) {
            String quote = firstLine(stderr);
            throw new TrapException(what + " exited with code " + exitCode + (quote.isEmpty() ? "" : "; stderr: " + quote));
        }
        String line = stdout.endsWith("\r\n") ? stdout.substring(0, stdout.length() - 2)
                : stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
        if (line.isEmpty() || line.indexOf('\n') >= 0) {
            long lines = stdout.lines().count();
            throw new ContractException(ContractException.Violation.NOT_ONE_LINE, what + " printed " + lines
                    + " lines on stdout; a user function prints its answer on exactly one line: " + quote(stdout));
        }
        return line;
    }

    /** The first non-blank line of {@code text}, shortened to a quote; empty when there is none. */
    public static String firstLine(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().map(CommandAnswer::quote).orElse("");
    }

    private static String quote(String text) {
        String flat = text.replaceAll("\\R", "\\\\n");
        return flat.length() <= MAX_QUOTE ? flat : flat.substring(0, MAX_QUOTE) + "…";
    }

    /** What {@link Deployment#coldInvokeText} and {@link FunctionInstance#invokeText} throw outside a command deployment. */
    static IllegalStateException notACommandDeployment(Object deployed) {
        return new IllegalStateException(deployed.getClass().getSimpleName() + " runs a catalog function, which answers"
                + " a number: call invoke; only a deployment of a user function (the " + Abi.COMMAND + " ABI) answers text");
    }
}
