package dev.nebula.serve;

import dev.nebula.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of {@code nebula serve}, each with a default sized for a 2-core machine.
 *
 * @param port            the TCP port on 127.0.0.1; 0 picks a free one
 * @param deployAtStart   runtimes deployed before the server reports ready; the others deploy on first use
 * @param maxConcurrent   requests a runtime runs at once; also the most warm instances its pool keeps
 * @param maxWaiting      requests that may wait for one of those slots; beyond that a request is refused at once
 * @param queueWait       how long a request may wait for a slot before it is refused (503)
 * @param requestTimeout  how long a request may run once admitted before it is answered 504
 * @param drainTimeout    how long shutdown waits for requests in flight
 * @param http            what one connection or request may take from the server
 */
public record ServeOptions(int port, List<String> deployAtStart, int maxConcurrent, int maxWaiting,
                           Duration queueWait, Duration requestTimeout, Duration drainTimeout, HttpLimits http) {

    public static final int DEFAULT_PORT = 8080;

    public ServeOptions {
        deployAtStart = List.copyOf(deployAtStart);
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException("--port must be in 0..65535 (0 = a free port); got " + port);
        }
        if (maxConcurrent < 1 || maxWaiting < 0) {
            throw new InvalidInputException("--max-concurrent must be at least 1 and --max-waiting at least 0");
        }
    }

    public static ServeOptions defaults() {
        return new ServeOptions(DEFAULT_PORT, List.of(), 8, 64, Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(10), HttpLimits.defaults());
    }

    public ServeOptions withPort(int newPort) {
        return new ServeOptions(newPort, deployAtStart, maxConcurrent, maxWaiting, queueWait, requestTimeout, drainTimeout, http);
    }

    public ServeOptions withLimits(int newMaxConcurrent, int newMaxWaiting, Duration newQueueWait, Duration newRequestTimeout) {
        return new ServeOptions(port, deployAtStart, newMaxConcurrent, newMaxWaiting, newQueueWait, newRequestTimeout, drainTimeout, http);
    }

    public ServeOptions withHttp(HttpLimits newHttp) {
        return new ServeOptions(port, deployAtStart, maxConcurrent, maxWaiting, queueWait, requestTimeout, drainTimeout, newHttp);
    }

    public ServeOptions withDeployAtStart(List<String> runtimeIds) {
        return new ServeOptions(port, runtimeIds, maxConcurrent, maxWaiting, queueWait, requestTimeout, drainTimeout, http);
    }

    /** The usage line: every option and its default. */
    public static String usage() {
        ServeOptions d = defaults();
        return "usage: java -jar target/benchmarks.jar serve [--port N (default " + d.port + ", 0 = free)]"
                + " [--runtimes id,id,... (deploy at start; default: each on first use)]"
                + " [--max-concurrent N (per runtime, default " + d.maxConcurrent + ")]"
                + " [--max-waiting N (per runtime, default " + d.maxWaiting + ")]"
                + " [--queue-wait-ms N (default " + d.queueWait.toMillis() + ")]"
                + " [--timeout-ms N (per request, default " + d.requestTimeout.toMillis() + ")]"
                + " [--drain-ms N (default " + d.drainTimeout.toMillis() + ")]";
    }

    /** Reads the command line; an unknown option or a bad value is an error that names what is valid. */
    public static ServeOptions parse(String[] args) {
        ServeOptions options = defaults();
        int port = options.port;
        List<String> runtimes = new ArrayList<>();
        int maxConcurrent = options.maxConcurrent;
        int maxWaiting = options.maxWaiting;
        Duration queueWait = options.queueWait;
        Duration timeout = options.requestTimeout;
        Duration drain = options.drainTimeout;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new InvalidInputException(option.startsWith("--") ? option + " needs a value; " + usage() : "unexpected '" + option + "'; " + usage());
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = number(option, value);
                case "--runtimes" -> runtimes = List.of(value.split(","));
                case "--max-concurrent" -> maxConcurrent = number(option, value);
                case "--max-waiting" -> maxWaiting = number(option, value);
                case "--queue-wait-ms" -> queueWait = Duration.ofMillis(number(option, value));
                case "--timeout-ms" -> timeout = Duration.ofMillis(number(option, value));
                case "--drain-ms" -> drain = Duration.ofMillis(number(option, value));
                default -> throw new InvalidInputException("unknown option '" + option + "'; " + usage());
            }
        }
        return new ServeOptions(port, runtimes.stream().map(String::strip).filter(id -> !id.isEmpty()).toList(),
                maxConcurrent, maxWaiting, queueWait, timeout, drain, options.http);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + " takes a whole number; got '" + value + "'");
        }
    }
}
