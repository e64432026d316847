package dev.briefing.bot.telegram;

import dev.briefing.bot.store.Database;
import dev.briefing.bot.store.TestDatabases;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Real {@code run} processes (the shaded jar) in webhook mode behind the emulator, which posts each update to their
 * webhooks in turn as a load balancer would. Each instance has its own data folder (one Lucene index per instance)
 * and, given a database URL, passes it with {@code --database}, so several instances share one database; without one,
 * each keeps its own SQLite file in its data folder (two {@code run}s cannot share one data folder: the second finds
 * the index locked and exits 4).
 */
final class WebhookCluster implements AutoCloseable {

    /** The configured webhook secret, the same for every instance, as several instances behind one address need. */
    static final String SECRET = "Webhook-test_secret-0123456789";
    /** The path every instance serves its webhook at. */
    static final String PATH = "/telegram/webhook";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One {@code run} process, listening on {@code port}, logging to {@code log}. */
    record Instance(RunProcess process, int port, Path log) {
        URI url(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    final List<Instance> instances;

    private WebhookCluster(List<Instance> instances) {
        this.instances = instances;
    }

    /**
     * Starts {@code n} instances against the emulator at {@code api}, in folders under {@code work}, and waits until
     * each is running (its webhook set).
     */
    static WebhookCluster start(URI api, String token, int n, Path work, Optional<String> databaseUrl)
            throws Exception {
        return start(api, token, n, work, databaseUrl, List.of());
    }

    /** As {@link #start(URI, String, int, Path, Optional)}, with more options for every {@code run}. */
    static WebhookCluster start(URI api, String token, int n, Path work, Optional<String> databaseUrl,
                                List<String> more) throws Exception {
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int port = freePort();
            Path log = work.resolve("run-" + i + ".log");
            List<String> options = new ArrayList<>(List.of("--webhook", "http://127.0.0.1:" + port + PATH,
                    "--listen", "127.0.0.1:" + port));
            databaseUrl.ifPresent(url -> options.addAll(List.of("--database", url)));
            options.addAll(more);
            Files.createDirectories(work);
            Map<String, String> env = new HashMap<>(Map.of("TELEGRAM_WEBHOOK_SECRET", SECRET));
            // The test server's password reaches run the way an operator's does: in the environment, never argv.
            String password = System.getenv(TestDatabases.PASSWORD_VARIABLE);
            if (databaseUrl.isPresent() && password != null) {
                env.put(Database.PASSWORD_VARIABLE, password);
            }
            instances.add(new Instance(RunProcess.start(api, token, work.resolve("data-" + i), log, options, env),
                    port, log));
        }
        WebhookCluster cluster = new WebhookCluster(instances);
        try {
            for (Instance instance : instances) {
                RunProcess.awaitRunning(instance.log(), 1, Duration.ofSeconds(120));
            }
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** GET {@code path} from instance {@code i}. */
    HttpResponse<String> get(int i, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(instances.get(i).url(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code body} to instance {@code i}'s webhook, with {@code secret} in the header unless null. */
    HttpResponse<String> postWebhook(int i, String body, String secret) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(instances.get(i).url(PATH))
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The value of one series in instance {@code i}'s {@code /metrics}, such as {@code briefing_questions_total} or
     * {@code briefing_sends_total{outcome="ok"}}; NaN when it is not there.
     */
    double metric(int i, String series) throws IOException, InterruptedException {
        return metric(get(i, "/metrics").body(), series);
    }

    static double metric(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return Double.NaN;
    }

    /** The sum of one series over every instance. */
    double total(String series) throws IOException, InterruptedException {
        double sum = 0;
        for (int i = 0; i < instances.size(); i++) {
            sum += metric(i, series);
        }
        return sum;
    }

    /** Every instance's log, for a failure message. */
    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Instance instance : instances) {
            all.append(Files.exists(instance.log()) ? Files.readString(instance.log()) : "");
        }
        return all.toString();
    }

    /** SIGTERM to every instance at once; returns their exit codes (-1 for one that did not stop within 60 s). */
    List<Integer> terminate() {
        List<CompletableFuture<Integer>> exits = instances.stream().map(instance -> CompletableFuture.supplyAsync(() -> {
            try {
                return instance.process().terminate(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        })).toList();
        return exits.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public void close() {
        terminate();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
