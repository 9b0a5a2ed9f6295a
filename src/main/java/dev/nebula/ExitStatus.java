package dev.nebula;

/**
 * How Nebula's command-line tools end, in one place: 0 when all is well, 1 when the work ran and found a fault (a
 * failed check, an incomplete run), 2 for bad input, which is one line naming what is wrong and what is valid, with
 * no stack trace, before anything ran; 130 and 143 when SIGINT or SIGTERM stopped a run (what had finished is kept).
 */
public final class ExitStatus {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    /** Stopped by SIGINT (Ctrl-C): 128 + 2, as a shell reports it. */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM: 128 + 15. */
    public static final int TERMINATED = 143;

    /** A tool's work; returns its exit status. */
    @FunctionalInterface
    public interface Command {
        int run() throws Exception;
    }

    private ExitStatus() {}

    /**
     * Runs {@code command} and exits with its status; a {@link NebulaException} is bad input: {@code "<tool>: <message>"}
     * on stderr and exit 2. Anything else escapes with its stack trace, as a bug should.
     */
    public static void run(String tool, Command command) throws Exception {
        int status;
        try {
            status = command.run();
        } catch (NebulaException e) {
            System.err.println(tool + ": " + e.getMessage());
            status = BAD_INPUT;
        }
        System.exit(status);
    }
}
