package dev.nebula.report;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code Report FILE.json} and {@code Report --compare A.json B.json ...} on the command line. The one place where
 * the command line meets bad input: a missing, malformed or foreign file is one line naming it and what is wrong, no
 * stack trace, exit status 2.
 */
final class ReportCommand {
    static final String USAGE = "usage: Report FILE.json   (writes FILE.html, FILE-cold-start.svg, FILE.md, FILE.csv and FILE-*.png beside it)\n"
            + "       Report --compare A.json B.json [C.json ...] [--out DIR]   (B/A per case; see RunComparison)";

    private ReportCommand() {}

    static void main(String[] args) {
        exitOnBadInput(() -> {
            if (args.length >= 1 && args[0].equals("--compare")) {
                RunComparison.main(List.of(args).subList(1, args.length));
            } else if (args.length == 1 && !args[0].startsWith("-")) {
                Report.write(Path.of(args[0])).forEach(file -> System.out.println("wrote " + file));
            } else {
                throw new NebulaException(USAGE);
            }
        });
    }

    interface ReportAction {
        void run() throws IOException;
    }

    static void exitOnBadInput(ReportAction action) {
        try {
            action.run();
        } catch (NebulaException e) {
            System.err.println("report: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("report: cannot write the report: " + e);
            System.exit(2);
        }
    }
}
