package dev.nebula.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A closed-loop HTTP load generator: a fixed number of connections, each a virtual thread that sends one request,
 * waits for its answer and sends the next, for a fixed time. Every answer is classified (right, wrong, refused,
 * error) and every successful request's latency is kept, so percentiles are exact, not bucketed.
 */
final class LoadGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than the server's own request timeout, so the server answers first. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient client;

    LoadGenerator(HttpClient client) {
        this.client = client;
    }

    /** One cell's outcome. Latencies are over successful requests only; refusals are counted apart from errors. */
    record CellResult(String runtime, String start, int concurrency, double seconds, long ok, long wrongAnswers,
                      long refused, long errors, Map<String, Long> errorKinds, double throughputPerSecond,
                      double p50Ms, double p99Ms, double p999Ms, double maxMs) {}

    /** Sends requests to {@code target} over {@code concurrency} connections for {@code duration}. */
    CellResult run(String runtime, String start, URI target, String expected, int concurrency, Duration duration) throws InterruptedException {
        Worker[] workers = new Worker[concurrency];
        Thread[] threads = new Thread[concurrency];
        long begun = System.nanoTime();
        long deadline = begun + duration.toNanos();
        for (int i = 0; i < concurrency; i++) {
            workers[i] = new Worker(target, expected, deadline);
            threads[i] = Thread.ofVirtual().name("load-" + i).start(workers[i]);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - begun) / 1e9;
        long ok = 0;
        long wrong = 0;
        long refused = 0;
        long errors = 0;
        Map<String, Long> kinds = new TreeMap<>();
        int samples = 0;
        for (Worker worker : workers) {
            ok += worker.ok;
            wrong += worker.wrong;
            refused += worker.refused;
            errors += worker.errors;
            worker.errorKinds.forEach((kind, count) -> kinds.merge(kind, count, Long::sum));
            samples += worker.latencyCount;
        }
        long[] latencies = new long[samples];
        int at = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.latencies, 0, latencies, at, worker.latencyCount);
            at += worker.latencyCount;
        }
        Arrays.sort(latencies);
        return new CellResult(runtime, start, concurrency, seconds, ok, wrong, refused, errors, kinds, ok / seconds,
                millis(percentile(latencies, 0.50)), millis(percentile(latencies, 0.99)),
                millis(percentile(latencies, 0.999)), millis(latencies.length == 0 ? -1 : latencies[latencies.length - 1]));
    }

    /** Nearest rank; -1 when there is no sample. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos < 0 ? Double.NaN : Math.round(nanos / 1_000.0) / 1_000.0;
    }

    private final class Worker implements Runnable {
        private final HttpRequest request;
        private final String expected;
        private final long deadline;
        private long[] latencies = new long[1024];
        private int latencyCount;
        private long ok;
        private long wrong;
        private long refused;
        private long errors;
        private final Map<String, Long> errorKinds = new TreeMap<>();

        Worker(URI target, String expected, long deadline) {
            this.request = HttpRequest.newBuilder(target).timeout(CLIENT_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build();
            this.expected = expected;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            while (System.nanoTime() < deadline) {
                long sent = System.nanoTime();
                HttpResponse<String> response;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    error("io " + e.getClass().getSimpleName());
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long latency = System.nanoTime() - sent;
                classify(response, latency);
            }
        }

        private void classify(HttpResponse<String> response, long latency) {
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                error(response.statusCode() + " unreadable body");
                return;
            }
            String kind = body.path("error").asText("");
            if (response.statusCode() == 200) {
                if (expected.equals(body.path("result").asText())) {
                    ok++;
                    record(latency);
                } else {
                    wrong++;
                }
            } else if (kind.equals("wrong-answer")) {
                wrong++;
            } else if (response.statusCode() == 503 && kind.equals("overloaded")) {
                refused++;
            } else {
                error(response.statusCode() + " " + kind);
            }
        }

        private void record(long latency) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = latency;
        }

        private void error(String kind) {
            errors++;
            errorKinds.merge(kind, 1L, Long::sum);
        }
    }
}
