package dev.nebula.load;

import dev.nebula.serve.Anchor;
import dev.nebula.serve.StartMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nebula.ExitStatus;
import dev.nebula.InvalidInputException;
import dev.nebula.ThisJar;
import dev.nebula.function.CatalogFunction;
import dev.nebula.results.ResultFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-to-end load benchmark: starts {@code java -jar benchmarks.jar serve --port 0} as a separate process, drives
 * it with {@link LoadGenerator} for every runtime × cold/warm × concurrency, stops it, checks that it left no process
 * or container behind, and writes the results ({@link LoadReport}).
 */
public final class LoadMatrix {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");

    /** What to run. */
    record Plan(Path outDir, Duration duration, Duration warmup, List<Integer> concurrencies, List<String> runtimes,
                String fn, String n, Path jar, boolean quick) {}

    public static void main(String[] args) throws Exception {
        ExitStatus.run("load", () -> run(parse(args)));
    }

    static String usage() {
        return "usage: LoadMatrix [--quick] [--duration-s N (default 30)] [--warmup-s N (default 5)] [--concurrency 1,8,64]"
                + " [--runtimes id,... (default: every one the server lists)] [--fn fib] [--n S] [--jar target/benchmarks.jar] [OUT_DIR (default jmh-results/serve)]";
    }

    static Plan parse(String[] args) {
        Path out = null;
        boolean quick = false;
        Duration duration = null;
        Duration warmup = null;
        List<Integer> concurrencies = List.of(1, 8, 64);
        List<String> runtimes = List.of();
        String fn = "fib";
        String n = "S";
        Path jar = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick")) {
                quick = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                if (out != null) {
                    throw new InvalidInputException("one output directory only; " + usage());
                }
                out = Path.of(arg);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new InvalidInputException(arg + " needs a value; " + usage());
            }
            String value = args[++i];
            switch (arg) {
                case "--duration-s" -> duration = Duration.ofMillis(Math.round(number(arg, value) * 1000));
                case "--warmup-s" -> warmup = Duration.ofMillis(Math.round(number(arg, value) * 1000));
                case "--concurrency" -> concurrencies = List.of(value.split(",")).stream().map(c -> (int) number(arg, c)).toList();
                case "--runtimes" -> runtimes = List.of(value.split(","));
                case "--fn" -> fn = value;
                case "--n" -> n = value;
                case "--jar" -> jar = Path.of(value);
                default -> throw new InvalidInputException("unknown option " + arg + "; " + usage());
            }
        }
        if (out == null) {
            out = Path.of("jmh-results", "serve");
        }
        CatalogFunction.byId(fn).input(n); // a bad fn or n fails here, naming what is valid
        if (duration == null) {
            duration = quick ? Duration.ofMillis(1500) : Duration.ofSeconds(30);
        }
        if (warmup == null) {
            warmup = quick ? Duration.ofMillis(500) : Duration.ofSeconds(5);
        }
        if (jar == null) {
            jar = ThisJar.path().orElseThrow(() -> new InvalidInputException("cannot tell which jar this is; pass --jar target/benchmarks.jar"));
        }
        return new Plan(out, duration, warmup, concurrencies, runtimes, fn, n, jar, quick);
    }

    private static double number(String option, String value) {
        try {
            double number = Double.parseDouble(value.strip());
            if (!(number > 0)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + " takes a positive number; got '" + value + "'");
        }
    }

    static int run(Plan plan) throws Exception {
        CatalogFunction function = CatalogFunction.byId(plan.fn());
        long n = function.input(plan.n());
        String expected = function.format(function.reference(n));
        Instant started = Instant.now();
        Process server = startServer(plan.jar());
        List<ProcessHandle> serverTree = new ArrayList<>();
        List<LoadGenerator.CellResult> cells = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        JsonNode serverRuntimes;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            URI base = awaitListening(server);
            serverTree.add(server.toHandle());
            serverRuntimes = JSON.readTree(client.send(HttpRequest.newBuilder(base.resolve("runtimes")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            List<String> runtimes = plan.runtimes().isEmpty() ? ids(serverRuntimes) : plan.runtimes();
            LoadGenerator load = new LoadGenerator(client);
            boolean serverWarmedUp = false;
            for (String runtime : runtimes) {
                // The first request deploys: it says whether the runtime runs here at all.
                URI deploy = base.resolve("invoke/" + runtime + "/" + function.id() + "?n=" + n + "&start=warm");
                HttpResponse<String> first = client.send(HttpRequest.newBuilder(deploy).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (first.statusCode() != 200) {
                    String why = first.statusCode() + " " + JSON.readTree(first.body()).path("message").asText(first.body());
                    skipped.put(runtime, why);
                    System.out.println("load: skipping " + runtime + ": " + why);
                    continue;
                }
                if (!serverWarmedUp) {
                    // The server's own code (HTTP, JSON, the JIT) warms up on the first runtime, unrecorded, so that
                    // the first runtime's cells do not pay for it.
                    System.out.println("load: server warm-up on " + runtime + ", " + plan.warmup().multipliedBy(2).toMillis() + " ms cold and warm");
                    for (StartMode start : StartMode.values()) {
                        URI target = base.resolve("invoke/" + runtime + "/" + function.id() + "?n=" + n + "&start=" + start.id());
                        load.run(runtime, start.id(), target, expected, 8, plan.warmup().multipliedBy(2));
                    }
                    serverWarmedUp = true;
                }
                for (StartMode start : StartMode.values()) {
                    URI target = base.resolve("invoke/" + runtime + "/" + function.id() + "?n=" + n + "&start=" + start.id());
                    for (int concurrency : plan.concurrencies()) {
                        load.run(runtime, start.id(), target, expected, concurrency, plan.warmup());
                        cells.add(report(load.run(runtime, start.id(), target, expected, concurrency, plan.duration())));
                    }
                }
            }
            if (serverWarmedUp) {
                // The anchor: the same server stack answering a constant, no runtime; last, when the server's code
                // is warmest. Warm cells minus it are what the invoke path and the runtime add.
                URI anchor = base.resolve(Anchor.PATH);
                for (int concurrency : plan.concurrencies()) {
                    load.run(Anchor.PATH, StartMode.WARM.id(), anchor, Anchor.RESULT, concurrency, plan.warmup());
                    cells.add(report(load.run(Anchor.PATH, StartMode.WARM.id(), anchor, Anchor.RESULT, concurrency, plan.duration())));
                }
            }
        } finally {
            // Everything the server runs now (its relaunched JVM, warm processes): none may outlive the stop.
            server.descendants().forEach(serverTree::add);
            stopServer(server);
        }
        List<String> leftovers = leftovers(serverTree);
        leftovers.forEach(line -> System.out.println("load: LEFTOVER " + line));
        Instant finished = Instant.now();
        String stamp = ResultFiles.stamp(started);
        LoadReport report = new LoadReport(plan, function, n, expected, started, finished, serverRuntimes.path("limitsPerRuntime"),
                cells, skipped, leftovers);
        List<Path> written = report.write(plan.outDir(), stamp);
        written.forEach(file -> System.out.println("load: wrote " + file));
        long wrong = cells.stream().mapToLong(LoadGenerator.CellResult::wrongAnswers).sum();
        // Wrong answers and leftovers make the run fail; errors and refusals are results, in the table.
        return wrong == 0 && leftovers.isEmpty() ? 0 : 1;
    }

    /** One line per cell as it finishes. */
    private static LoadGenerator.CellResult report(LoadGenerator.CellResult cell) {
        System.out.printf("load: %-16s %-4s c=%-3d %9.1f req/s  p50 %8.3f ms  p99 %8.3f ms  p99.9 %8.3f ms"
                        + "  ok %d  refused %d  errors %d  wrong %d%n",
                cell.runtime(), cell.start(), cell.concurrency(), cell.throughputPerSecond(), cell.p50Ms(), cell.p99Ms(),
                cell.p999Ms(), cell.ok(), cell.refused(), cell.errors(), cell.wrongAnswers());
        return cell;
    }

    private static List<String> ids(JsonNode runtimes) {
        List<String> ids = new ArrayList<>();
        runtimes.path("runtimes").forEach(runtime -> ids.add(runtime.path("id").asText()));
        return ids;
    }

    private static Process startServer(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new InvalidInputException(jar + " does not exist; build it with: mvn -B package -DskipTests");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-jar", jar.toString(), "serve", "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads the server's stdout until it says where it listens; the rest is echoed. */
    private static URI awaitListening(Process server) throws Exception {
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("server: " + line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(URI.create(matcher.group(1)));
                    }
                }
                listening.completeExceptionally(new IOException("the server exited with code " + server.waitFor() + " before it listened"));
            } catch (Exception e) {
                listening.completeExceptionally(e);
            }
        });
        return listening.get(60, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an operator would: the server drains and closes everything itself. */
    private static void stopServer(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(90, TimeUnit.SECONDS)) {
            System.out.println("load: the server did not stop within 90 s after SIGTERM; killing it");
            server.destroyForcibly().waitFor();
        }
    }

    /** Processes of the server's tree (as it was before the stop) still alive, and containers labelled with one of their pids. */
    private static List<String> leftovers(List<ProcessHandle> serverTree) throws IOException, InterruptedException {
        List<String> found = new ArrayList<>();
        for (ProcessHandle process : serverTree) {
            if (process.isAlive()) {
                found.add("process " + process.pid() + " " + process.info().commandLine().orElse(""));
            }
            Process docker;
            try {
                docker = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "label=dev.nebula.pid=" + process.pid())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                continue; // no docker CLI: no container either
            }
            String ids = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            docker.waitFor();
            if (docker.exitValue() == 0 && !ids.isEmpty()) {
                found.add("containers of pid " + process.pid() + ": " + ids.replace('\n', ' '));
            }
        }
        return found;
    }
}
