package dev.briefing.bot.http;

import dev.briefing.bot.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The bot's HTTP listener, on Javalin (the Jetty-based server TelegramBots' own webhook module runs on): {@code GET
 * /healthz}, {@code GET /metrics} and, in webhook mode, {@code POST} to the webhook's path. Every request has a
 * deadline: a connection idle for {@link #IDLE_TIMEOUT} is closed, a body is at most {@link #MAX_BODY} bytes, and a
 * health check that does not answer within {@link #HEALTH_DEADLINE} counts as not ready. A failure answers one line
 * and logs one line, never a stack trace.
 */
public final class HttpListener implements AutoCloseable {

    /** How long a connection may stay silent, mid-request or between requests, before it is closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@code /healthz} waits for the health check. */
    public static final Duration HEALTH_DEADLINE = Duration.ofSeconds(2);
    /** The largest body taken: a Telegram update is a few kilobytes. */
    public static final long MAX_BODY = 1 << 20;
    /** Request threads: a webhook request only stores its update, so a few serve Telegram's 40 connections. */
    static final int MAX_THREADS = 32;

    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Javalin app;
    private final ExecutorService checks;

    private HttpListener(Javalin app, ExecutorService checks) {
        this.app = app;
        this.checks = checks;
    }

    /**
     * The webhook's route.
     *
     * @param path where Telegram posts updates (the webhook URL's path)
     * @param secret the value every request's {@code X-Telegram-Bot-Api-Secret-Token} header must carry
     */
    public record WebhookRoute(String path, String secret, Webhook webhook) {

        /** The header Telegram sends the secret in. */
        public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

        public WebhookRoute {
            Objects.requireNonNull(webhook, "webhook");
            if (path == null || !path.startsWith("/") || path.equals("/healthz") || path.equals("/metrics")) {
                throw new IllegalArgumentException("illegal webhook path: '" + path
                        + "', must start with / and not be /healthz or /metrics");
            }
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("illegal webhook secret: empty");
            }
        }

        @Override
        public String toString() {
            return "WebhookRoute[path=" + path + ", secret=hidden]";
        }
    }

    /**
     * Starts listening on {@code address} (port 0 lets the system choose; see {@link #port()}).
     *
     * @param health asked on every {@code /healthz}
     * @param scrape the figures for {@code /metrics}, in Prometheus' text format
     * @param metrics told of every webhook request refused for its secret
     * @param webhook the webhook's route, in webhook mode
     * @throws IllegalStateException when the address cannot be bound (in use, not this machine's)
     */
    public static HttpListener start(InetSocketAddress address, Health health, Supplier<String> scrape,
                                     Metrics metrics, Optional<WebhookRoute> webhook) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(scrape, "scrape");
        Objects.requireNonNull(metrics, "metrics");
        ExecutorService checks = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "healthz");
            t.setDaemon(true);
            return t;
        });
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = MAX_BODY;
            QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2, 60_000);
            threads.setName("http");
            threads.setDaemon(true);
            config.jetty.threadPool = threads;
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(address.getHostString());
                connector.setPort(address.getPort());
                connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                return connector;
            });
        });
        app.get("/healthz", ctx -> healthz(ctx, health, checks));
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(scrape.get()));
        webhook.ifPresent(route -> app.post(route.path(), ctx -> webhook(ctx, route, metrics)));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
            ctx.status(500).contentType(TEXT).result("internal error\n");
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            checks.shutdownNow();
            app.stop();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on " + address.getHostString() + ":" + address.getPort()
                    + ": " + cause.getMessage(), e);
        }
        return new HttpListener(app, checks);
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /**
     * Reads {@code --listen}'s {@code HOST:PORT} ({@code [::1]:8080} for IPv6; {@code 0.0.0.0} for every interface).
     *
     * @throws IllegalArgumentException naming the value and the form it must have
     */
    public static InetSocketAddress address(String hostPort) {
        String value = hostPort == null ? "" : hostPort.strip();
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("illegal --listen value: '" + value
                    + "', must be HOST:PORT, such as 127.0.0.1:8080 or 0.0.0.0:8443");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static void healthz(Context ctx, Health health, ExecutorService checks) {
        String problem;
        try {
            problem = CompletableFuture.supplyAsync(health::problem, checks)
                    .get(HEALTH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).orElse(null);
        } catch (TimeoutException e) {
            problem = "the health check did not answer within " + HEALTH_DEADLINE.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            problem = "the health check failed: " + cause;
        }
        if (problem == null) {
            ctx.status(200).contentType(TEXT).result("ready\n");
        } else {
            ctx.status(503).contentType(TEXT).result("not ready: " + problem.replaceAll("\\s+", " ") + "\n");
        }
    }

    private static void webhook(Context ctx, WebhookRoute route, Metrics metrics) {
        String given = ctx.header(WebhookRoute.SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                route.secret().getBytes(StandardCharsets.UTF_8))) {
            metrics.webhook(Metrics.WebhookOutcome.UNAUTHORIZED);
            // The header's value is never written: a near miss would give the secret away.
            log.warn("webhook: refused a request from {} with {} secret header (401)", ctx.ip(),
                    given == null ? "no" : "a wrong");
            ctx.status(401).contentType(TEXT).result("unauthorized\n");
            return;
        }
        Metrics.WebhookOutcome outcome = route.webhook().receive(ctx.bodyAsBytes());
        metrics.webhook(outcome);
        switch (outcome) {
            // Telegram reads a JSON body as a method to call: answer an empty one.
            case ACCEPTED, DUPLICATE -> ctx.status(200);
            case BAD_REQUEST -> ctx.status(400).contentType(TEXT).result("not a Telegram update\n");
            case UNAVAILABLE -> ctx.status(503).contentType(TEXT).result("not stored; deliver it again\n");
            case UNAUTHORIZED -> ctx.status(401).contentType(TEXT).result("unauthorized\n");
        }
    }

    /** Stops listening; requests in progress are cut off. */
    @Override
    public void close() {
        app.stop();
        checks.shutdownNow();
    }
}
