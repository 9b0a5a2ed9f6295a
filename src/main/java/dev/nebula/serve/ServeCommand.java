package dev.nebula.serve;

import dev.nebula.InvalidInputException;
import dev.nebula.UnknownIdException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code java -jar benchmarks.jar serve [options]}: reads the options, relaunches for GraalWasm when it must, starts the
 * server and keeps it up until SIGTERM or Ctrl-C. Bad input exits 2 with one line; a port in use exits 1.
 */
public final class ServeCommand {
    private ServeCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(ServeOptions.usage());
            return;
        }
        ServeOptions options;
        try {
            options = ServeOptions.parse(args);
        } catch (InvalidInputException e) {
            exit(2, e.getMessage());
            return;
        }
        if (GraalWasmRelaunch.needed()) {
            System.exit(GraalWasmRelaunch.run(args));
            return;
        }
        NebulaServer server;
        try {
            server = NebulaServer.start(options);
        } catch (UnknownIdException e) {
            exit(2, e.getMessage());
            return;
        } catch (UncheckedIOException e) {
            exit(1, e.getMessage());
            return;
        } catch (IOException e) {
            exit(1, "cannot listen on " + options.access().bind().getHostAddress() + ":" + options.port() + ": " + e.getMessage());
            return;
        }
        // SIGTERM and Ctrl-C: drain, then close every instance and deployment.
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(server::close, "nebula-serve-shutdown"));
        System.out.println("nebula serve: listening on " + server.uri() + " (" + Routes.ENDPOINTS + ")");
        System.out.flush();
        server.awaitClosed();
    }

    /** One line on stderr, then the exit status: 2 for bad input, 1 when the server cannot start. */
    private static void exit(int status, String message) {
        System.err.println("nebula serve: " + message);
        System.exit(status);
    }
}
