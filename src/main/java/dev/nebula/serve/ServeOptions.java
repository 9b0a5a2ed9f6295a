package dev.nebula.serve;

import dev.nebula.InvalidInputException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings of {@code nebula serve}, each with a default sized for a 2-core machine. Every value is checked when
 * the options are made: a bad one is refused with one line naming its valid range, before anything starts.
 *
 * @param port            the TCP port; 0 picks a free one
 * @param deployAtStart   runtimes deployed before the server reports ready; the others deploy on first use
 * @param maxConcurrent   requests a runtime runs at once; also the most warm instances its pool keeps
 * @param maxWaiting      requests that may wait for one of those slots; beyond that a request is refused at once
 * @param queueWait       how long a request may wait for a slot before it is refused (503)
 * @param requestTimeout  how long a request may run once admitted before it is answered 504
 * @param drainTimeout    how long shutdown waits for requests in flight
 * @param http            what one connection or request may take from the server
 * @param access          where it listens and who may ask
 * @param uploads         where uploads are stored, how large they may be, whether native binaries are accepted
 */
public record ServeOptions(int port, List<String> deployAtStart, int maxConcurrent, int maxWaiting,
                           Duration queueWait, Duration requestTimeout, Duration drainTimeout, HttpLimits http,
                           Access access, UploadOptions uploads) {

    public static final int DEFAULT_PORT = 8080;
    static final OptionRange PORT = new OptionRange("--port", 0, 65_535);
    static final OptionRange MAX_CONCURRENT = new OptionRange("--max-concurrent", 1, 1_024);
    static final OptionRange MAX_WAITING = new OptionRange("--max-waiting", 0, 100_000);
    static final OptionRange QUEUE_WAIT_MS = new OptionRange("--queue-wait-ms", 0, 600_000);
    static final OptionRange TIMEOUT_MS = new OptionRange("--timeout-ms", 1, 3_600_000);
    static final OptionRange DRAIN_MS = new OptionRange("--drain-ms", 0, 600_000);

    public ServeOptions {
        // Runtime ids in their one spelling: trimmed, lower case (as requests are).
        deployAtStart = deployAtStart.stream().map(id -> id.strip().toLowerCase(Locale.ROOT)).filter(id -> !id.isEmpty()).toList();
        PORT.require(port);
        MAX_CONCURRENT.require(maxConcurrent);
        MAX_WAITING.require(maxWaiting);
        QUEUE_WAIT_MS.require(queueWait.toMillis());
        TIMEOUT_MS.require(requestTimeout.toMillis());
        DRAIN_MS.require(drainTimeout.toMillis());
    }

    public static ServeOptions defaults() {
        return new ServeOptions(DEFAULT_PORT, List.of(), 8, 64, Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(10), HttpLimits.defaults(), Access.loopback(), UploadOptions.defaults());
    }

    public ServeOptions withPort(int newPort) {
        return new ServeOptions(newPort, deployAtStart, maxConcurrent, maxWaiting, queueWait, requestTimeout, drainTimeout, http, access, uploads);
    }

    public ServeOptions withLimits(int newMaxConcurrent, int newMaxWaiting, Duration newQueueWait, Duration newRequestTimeout) {
        return new ServeOptions(port, deployAtStart, newMaxConcurrent, newMaxWaiting, newQueueWait, newRequestTimeout, drainTimeout, http, access, uploads);
    }

    public ServeOptions withDrainTimeout(Duration newDrainTimeout) {
        return new ServeOptions(port, deployAtStart, maxConcurrent, maxWaiting, queueWait, requestTimeout, newDrainTimeout, http, access, uploads);
    }

    public ServeOptions withHttp(HttpLimits newHttp) {
        return new ServeOptions(port, deployAtStart, maxConcurrent, maxWaiting, queueWait, requestTimeout, drainTimeout, newHttp, access, uploads);
    }

    public ServeOptions withUploads(UploadOptions newUploads) {
        return new ServeOptions(port, deployAtStart, maxConcurrent, maxWaiting, queueWait, requestTimeout, drainTimeout, http, access, newUploads);
    }

    public ServeOptions withAccess(Access newAccess) {
        return new ServeOptions(port, deployAtStart, maxConcurrent, maxWaiting, queueWait, requestTimeout, drainTimeout, http, newAccess, uploads);
    }

    public ServeOptions withDeployAtStart(List<String> runtimeIds) {
        return new ServeOptions(port, runtimeIds, maxConcurrent, maxWaiting, queueWait, requestTimeout, drainTimeout, http, access, uploads);
    }

    /** The usage: every option and its default. */
    public static String usage() {
        ServeOptions d = defaults();
        HttpLimits h = d.http;
        return "usage: java -jar target/benchmarks.jar serve [options]\n"
                + "  --port N               TCP port (default " + d.port + ", 0 = a free one)\n"
                + "  --runtimes id,id,...   deploy these at start (default: each on first use)\n"
                + "  --max-concurrent N     requests a runtime runs at once (default " + d.maxConcurrent + ")\n"
                + "  --max-waiting N        requests that may wait for a slot, per runtime (default " + d.maxWaiting + ")\n"
                + "  --queue-wait-ms N      longest wait for a slot (default " + d.queueWait.toMillis() + ")\n"
                + "  --timeout-ms N         longest run of one request (default " + d.requestTimeout.toMillis() + ")\n"
                + "  --drain-ms N           longest wait for requests in flight at shutdown (default " + d.drainTimeout.toMillis() + ")\n"
                + "  --max-body BYTES       largest request body (default " + h.maxBodyBytes() + ")\n"
                + "  --max-header BYTES     largest request line + headers (default " + h.maxHeaderBytes() + ")\n"
                + "  --header-timeout-ms N  longest time to send a request's headers (default " + h.headerTimeout().toMillis() + ")\n"
                + "  --idle-timeout-ms N    a silent connection is closed after this (default " + h.idleTimeout().toMillis() + ")\n"
                + "  --max-connections N    open connections at once (default " + h.maxConnections() + ")\n"
                + "  --bind ADDR            listen on this address (default 127.0.0.1; beyond loopback needs --token-file)\n"
                + "  --host-name NAME       a Host name requests may use besides localhost (repeatable, or name,name)\n"
                + "  --token-file FILE      require 'Authorization: Bearer <the file's content>' on every request\n"
                + "  --store DIR            where uploads are kept (default " + d.uploads.store() + ")\n"
                + "  --max-module BYTES     largest uploaded module or binary (default " + d.uploads.maxModuleBytes() + ")\n"
                + "  --allow-native         accept native binaries (PUT /functions/{name}/binary); they run only in containers";
    }

    /** Reads the command line; an unknown option or a bad value is an error that names what is valid. */
    public static ServeOptions parse(String[] args) {
        ServeOptions d = defaults();
        HttpLimits h = d.http;
        int port = d.port;
        List<String> runtimes = new ArrayList<>();
        int maxConcurrent = d.maxConcurrent;
        int maxWaiting = d.maxWaiting;
        Duration queueWait = d.queueWait;
        Duration timeout = d.requestTimeout;
        Duration drain = d.drainTimeout;
        long maxBody = h.maxBodyBytes();
        int maxHeader = h.maxHeaderBytes();
        Duration headerTimeout = h.headerTimeout();
        Duration idleTimeout = h.idleTimeout();
        int maxConnections = h.maxConnections();
        InetAddress bind = d.access.bind();
        List<String> hostNames = new ArrayList<>();
        String token = null;
        UploadOptions uploads = d.uploads;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--allow-native")) {
                uploads = uploads.withAllowNative(true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new InvalidInputException(option.startsWith("--") ? option + " needs a value; see --help"
                        : "unexpected '" + Echo.of(option) + "'; see --help");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = (int) PORT.parse(value);
                case "--runtimes" -> runtimes = List.of(value.split(","));
                case "--max-concurrent" -> maxConcurrent = (int) MAX_CONCURRENT.parse(value);
                case "--max-waiting" -> maxWaiting = (int) MAX_WAITING.parse(value);
                case "--queue-wait-ms" -> queueWait = Duration.ofMillis(QUEUE_WAIT_MS.parse(value));
                case "--timeout-ms" -> timeout = Duration.ofMillis(TIMEOUT_MS.parse(value));
                case "--drain-ms" -> drain = Duration.ofMillis(DRAIN_MS.parse(value));
                case "--max-body" -> maxBody = HttpLimits.MAX_BODY.parse(value);
                case "--max-header" -> maxHeader = (int) HttpLimits.MAX_HEADER.parse(value);
                case "--header-timeout-ms" -> headerTimeout = Duration.ofMillis(HttpLimits.HEADER_TIMEOUT_MS.parse(value));
                case "--idle-timeout-ms" -> idleTimeout = Duration.ofMillis(HttpLimits.IDLE_TIMEOUT_MS.parse(value));
                case "--max-connections" -> maxConnections = (int) HttpLimits.maxConnectionsRange().parse(value);
                case "--bind" -> bind = Access.address(value);
                case "--host-name" -> hostNames.addAll(List.of(value.split(",")));
                case "--token-file" -> token = Access.readToken(Path.of(value));
                case "--store" -> uploads = uploads.withStore(Path.of(value));
                case "--max-module" -> uploads = uploads.withMaxModule(UploadOptions.MAX_MODULE.parse(value));
                default -> throw new InvalidInputException("unknown option '" + Echo.of(option) + "'; see --help");
            }
        }
        return new ServeOptions(port, runtimes, maxConcurrent, maxWaiting, queueWait, timeout, drain,
                new HttpLimits(maxBody, maxHeader, headerTimeout, idleTimeout, maxConnections),
                new Access(bind, hostNames, token), uploads);
    }
}
