package dev.briefing.bot.http;

import dev.briefing.bot.metrics.Metrics;
import dev.briefing.bot.metrics.PrometheusMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real listener (Javalin on a loopback port) with a recording webhook and real Prometheus metrics. */
class HttpListenerTest {

    static final String SECRET = "the-secret_0123456789";
    static final InetSocketAddress ANY_PORT = InetSocketAddress.createUnresolved("127.0.0.1", 0);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final PrometheusMetrics metrics = new PrometheusMetrics();
    private HttpListener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void aWebhookRequestWithoutTheRightSecretIs401AndNeverReachesTheWebhook() throws Exception {
        // given a listener whose webhook accepts everything
        start(() -> Optional.empty(), body -> Metrics.WebhookOutcome.ACCEPTED);
        // when requests come without the header and with a wrong one
        HttpResponse<String> missing = post("{\"update_id\":1}", null);
        HttpResponse<String> wrong = post("{\"update_id\":1}", SECRET + "x");
        // then both are refused and counted, and the webhook saw neither
        assertEquals(401, missing.statusCode());
        assertEquals(401, wrong.statusCode());
        assertEquals(List.of(), bodies);
        assertTrue(scrape().contains("briefing_webhook_requests_total{outcome=\"unauthorized\"} 2.0"), scrape());
    }

    @ParameterizedTest
    @CsvSource({"ACCEPTED, 200", "DUPLICATE, 200", "BAD_REQUEST, 400", "UNAVAILABLE, 503"})
    void theWebhooksOutcomeDecidesTheStatus(Metrics.WebhookOutcome outcome, int status) throws Exception {
        // given a webhook that answers with the outcome
        start(() -> Optional.empty(), body -> outcome);
        // when Telegram posts with the secret
        HttpResponse<String> response = post("{\"update_id\":7}", SECRET);
        // then the webhook got the body, and the status follows the outcome; a 200 has no body (Telegram would read
        // JSON there as a method to call)
        assertEquals(List.of("{\"update_id\":7}"), bodies);
        assertEquals(status, response.statusCode());
        if (status == 200) {
            assertEquals("", response.body());
        }
    }

    @Test
    void aFailingWebhookAnswers500WithOneLineAndNoTrace() throws Exception {
        // given a webhook that throws
        start(() -> Optional.empty(), body -> {
            throw new IllegalStateException("boom");
        });
        // when Telegram posts
        HttpResponse<String> response = post("{}", SECRET);
        // then one line, no stack trace
        assertEquals(500, response.statusCode());
        assertEquals("internal error\n", response.body());
    }

    @Test
    void healthzIsReadyOrSaysWhyNot() throws Exception {
        // given a health check that is ready, then not, then throws
        List<Health> checks = new ArrayList<>(List.of(Optional::empty, () -> Optional.of("the database does not\nanswer"),
                () -> {
                    throw new IllegalStateException("closed");
                }));
        start(() -> checks.remove(0).problem(), body -> Metrics.WebhookOutcome.ACCEPTED);
        // when asked three times, then 200, then 503 with the reason on one line, then 503 with the failure
        HttpResponse<String> ready = get("/healthz");
        assertEquals(200, ready.statusCode());
        assertEquals("ready\n", ready.body());
        HttpResponse<String> notReady = get("/healthz");
        assertEquals(503, notReady.statusCode());
        assertEquals("not ready: the database does not answer\n", notReady.body());
        HttpResponse<String> failing = get("/healthz");
        assertEquals(503, failing.statusCode());
        assertTrue(failing.body().startsWith("not ready: the health check failed: java.lang.IllegalStateException: closed"),
                failing.body());
    }

    @Test
    void aHealthCheckThatHangsIsNotReadyAfterTheDeadline() throws Exception {
        // given a health check that never answers
        CountDownLatch never = new CountDownLatch(1);
        start(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }, body -> Metrics.WebhookOutcome.ACCEPTED);
        // when asked, then 503 once the deadline passed
        HttpResponse<String> response = get("/healthz");
        assertEquals(503, response.statusCode());
        assertEquals("not ready: the health check did not answer within 2 s\n", response.body());
        never.countDown();
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        // given a question answered
        start(() -> Optional.empty(), body -> Metrics.WebhookOutcome.ACCEPTED);
        metrics.answered(Duration.ofMillis(120), false);
        // when scraped
        HttpResponse<String> response = get("/metrics");
        // then Prometheus' content type and the figure
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("content-type").orElse(""));
        assertTrue(response.body().contains("briefing_questions_total 1.0"), response.body());
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1:8080, 127.0.0.1, 8080", "0.0.0.0:0, 0.0.0.0, 0", "'[::1]:8443', ::1, 8443",
            "bot.example.org:443, bot.example.org, 443"})
    void listenAddressesAreRead(String value, String host, int port) {
        InetSocketAddress address = HttpListener.address(value);
        assertEquals(host, address.getHostString());
        assertEquals(port, address.getPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8080", ":8080", "host:", "host:http", "host:70000", "host:-1", ""})
    void badListenAddressesAreRefusedWithTheirValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpListener.address(value));
        assertTrue(e.getMessage().startsWith("illegal --listen value: '" + value + "', must be HOST:PORT"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/healthz", "/metrics", "hook", ""})
    void theWebhookCannotTakeAnotherRoutesPath(String path) {
        assertThrows(IllegalArgumentException.class,
                () -> new HttpListener.WebhookRoute(path, SECRET, body -> Metrics.WebhookOutcome.ACCEPTED));
    }

    @Test
    void aRouteNeverPrintsItsSecret() {
        HttpListener.WebhookRoute route = new HttpListener.WebhookRoute("/hook", SECRET,
                body -> Metrics.WebhookOutcome.ACCEPTED);
        assertEquals("WebhookRoute[path=/hook, secret=hidden]", route.toString());
    }

    private void start(Health health, Webhook webhook) {
        listener = HttpListener.start(ANY_PORT, health, metrics::scrape, metrics,
                Optional.of(new HttpListener.WebhookRoute("/hook", SECRET, body -> {
                    bodies.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                    return webhook.receive(body);
                })));
    }

    private String scrape() {
        return metrics.scrape();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/hook")).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(HttpListener.WebhookRoute.SECRET_HEADER, secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + listener.port() + path);
    }
}
