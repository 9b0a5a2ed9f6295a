package dev.nebula.report;

import dev.nebula.ExitStatus;
import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code Report FILE.json}, {@code Report --compare A.json B.json ...} and {@code Report --readme README.md FILE.json} on the command line. The one place where
 * the command line meets bad input: a missing, malformed or foreign file is one line naming it and what is wrong, no
 * stack trace, exit status 2.
 */
final class ReportCommand {
    static final String USAGE = "usage: Report FILE.json   (writes FILE.html, FILE-cold-start.svg, FILE.md, FILE.csv and FILE-*.png beside it)\n"
            + "       Report --compare A.json B.json [C.json ...] [--out DIR] [--fail-on-regression PCT]   (B/A per case; exit 1 when"
            + " a case is significantly worse by more than PCT%)\n"
            + "       Report --format github-action-benchmark FILE.json [--out DIR]   (FILE.customSmallerIsBetter.json and"
            + " FILE.customBiggerIsBetter.json)\n"
            + "       Report --readme README.md FILE.json   (rewrites, in place, the README's generated blocks from the run: the text"
            + " between <!-- nebula:results begin block=NAME run=STAMP --> and <!-- nebula:results end block=NAME -->)";

    private ReportCommand() {}

    static void main(String[] args) {
        int status = exitOnBadInput(() -> run(args));
        if (status != ExitStatus.OK) {
            System.exit(status);
        }
    }

    private static int run(String[] args) throws IOException {
        if (args.length >= 1 && args[0].equals("--compare")) {
            return RunComparison.main(List.of(args).subList(1, args.length));
        }
        if (args.length >= 3 && args[0].equals("--format")) {
            if (!args[1].equals(GithubActionBenchmark.FORMAT)) {
                throw new NebulaException("unknown format " + args[1] + "; valid: " + GithubActionBenchmark.FORMAT);
            }
            Path out = args.length == 5 && args[3].equals("--out") ? Path.of(args[4]) : null;
            if (args.length != 3 && out == null) {
                throw new NebulaException(USAGE);
            }
            GithubActionBenchmark.write(Path.of(args[2]), out).forEach(file -> System.out.println("wrote " + file));
            return ExitStatus.OK;
        }
        if (args.length >= 1 && args[0].equals("--readme")) {
            if (args.length != 3) {
                throw new NebulaException(USAGE);
            }
            ReadmeResults.update(Path.of(args[1]), Path.of(args[2]));
            System.out.println("wrote " + args[1] + " (its generated blocks, from " + args[2] + ")");
            return ExitStatus.OK;
        }
        if (args.length == 1 && !args[0].startsWith("-")) {
            Report.write(Path.of(args[0])).forEach(file -> System.out.println("wrote " + file));
            return ExitStatus.OK;
        }
        throw new NebulaException(USAGE);
    }

    interface ReportAction {
        int run() throws IOException;
    }

    static int exitOnBadInput(ReportAction action) {
        try {
            return action.run();
        } catch (NebulaException e) {
            System.err.println("report: " + e.getMessage());
        } catch (IOException e) {
            System.err.println("report: cannot write the report: " + e);
        }
        return ExitStatus.BAD_INPUT;
    }
}
