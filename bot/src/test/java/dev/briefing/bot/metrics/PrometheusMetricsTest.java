package dev.briefing.bot.metrics;

import dev.briefing.bot.digest.SendResult;
import dev.briefing.bot.message.ButtonPress;
import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.Messenger;
import dev.briefing.bot.message.OutgoingMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What the Prometheus scrape shows after the bot reports, directly and through the {@link Metered} seams. */
class PrometheusMetricsTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @Test
    void questionsAbstentionsAndAnswerTimesAreCounted() {
        // given two answers and one abstention
        metrics.answered(Duration.ofMillis(80), false);
        metrics.answered(Duration.ofMillis(300), false);
        metrics.answered(Duration.ofSeconds(3), true);
        // when scraped
        String scrape = metrics.scrape();
        // then the counts, and the histogram's buckets hold each time
        assertEquals(3.0, value(scrape, "briefing_questions_total"));
        assertEquals(1.0, value(scrape, "briefing_abstentions_total"));
        assertEquals(3.0, value(scrape, "briefing_answer_seconds_count"));
        assertEquals(1.0, value(scrape, "briefing_answer_seconds_bucket{le=\"0.1\"}"));
        assertEquals(2.0, value(scrape, "briefing_answer_seconds_bucket{le=\"0.5\"}"));
        assertEquals(3.0, value(scrape, "briefing_answer_seconds_bucket{le=\"5.0\"}"));
        assertEquals(3.38, value(scrape, "briefing_answer_seconds_sum"), 1e-9);
    }

    @Test
    void aQueueDepthIsReadWhenScrapedAndOneThatFailsShowsNaN() {
        // given the outbox's depth, replaced by a later one, and an inbox whose depth cannot be read
        metrics.gauge(Metrics.Queue.OUTBOX, () -> 5);
        metrics.gauge(Metrics.Queue.OUTBOX, () -> 7);
        metrics.gauge(Metrics.Queue.INBOX, () -> {
            throw new IllegalStateException("database closed");
        });
        // when scraped, then the last depth given, and NaN rather than a failed scrape
        String scrape = metrics.scrape();
        assertEquals(7.0, value(scrape, "briefing_outbox_queued"));
        assertTrue(Double.isNaN(value(scrape, "briefing_inbox_backlog")), scrape);
    }

    @Test
    void theMessengerReportsEachTryByOutcomeAndPassesFailuresOn() throws Exception {
        // given a messenger that accepts one message, then answers 429, then refuses for good
        List<DeliveryException> failures = new java.util.ArrayList<>(List.of(
                DeliveryException.rateLimited(Duration.ofSeconds(3), "429"), DeliveryException.rejected("blocked", null)));
        Messenger metered = Metered.messenger(new Messenger() {
            int sent;

            @Override
            public int send(OutgoingMessage message) throws DeliveryException {
                if (sent++ == 0) {
                    return 41;
                }
                throw failures.remove(0);
            }

            @Override
            public void typing(long chatId) {
            }

            @Override
            public void acknowledge(ButtonPress press) {
            }
        }, metrics);
        OutgoingMessage message = new OutgoingMessage(1, "hello", null, List.of());
        // when it sends three times
        assertEquals(41, metered.send(message));
        DeliveryException limited = assertThrows(DeliveryException.class, () -> metered.send(message));
        DeliveryException rejected = assertThrows(DeliveryException.class, () -> metered.send(message));
        // then the failures reach the outbox unchanged, and each try is counted, the 429 also as one
        assertEquals(DeliveryException.Kind.RATE_LIMITED, limited.kind());
        assertEquals(DeliveryException.Kind.REJECTED, rejected.kind());
        String scrape = metrics.scrape();
        assertEquals(1.0, value(scrape, "briefing_sends_total{outcome=\"ok\"}"));
        assertEquals(1.0, value(scrape, "briefing_sends_total{outcome=\"rate_limited\"}"));
        assertEquals(1.0, value(scrape, "briefing_sends_total{outcome=\"rejected\"}"));
        assertEquals(0.0, value(scrape, "briefing_sends_total{outcome=\"transient\"}"));
        assertEquals(1.0, value(scrape, "briefing_telegram_rate_limited_total{source=\"reply\"}"));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> digestResults() {
        return Stream.of(
                arguments(SendResult.ok(), "sent"),
                arguments(SendResult.retryAfter(5), "rate_limited"),
                arguments(SendResult.migrated(-100123), "migrated"),
                arguments(SendResult.blocked(), "failed"),
                arguments(SendResult.failed("HTTP 502"), "failed"));
    }

    @ParameterizedTest
    @MethodSource("digestResults")
    void theDigestSenderReportsEachResult(SendResult result, String outcome) {
        // given a digest sender that answers the result
        var sender = Metered.digestSender((chatId, html) -> result, metrics);
        // when a digest is sent, then the result is passed on and counted under its outcome
        assertSame(result, sender.send(7, "<b>digest</b>"));
        String scrape = metrics.scrape();
        assertEquals(1.0, value(scrape, "briefing_digests_total{outcome=\"" + outcome + "\"}"));
        assertEquals(result instanceof SendResult.RetryAfter ? 1.0 : 0.0,
                value(scrape, "briefing_telegram_rate_limited_total{source=\"digest\"}"));
    }

    /** One series' value in a scrape; NaN when absent. */
    static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return Double.NaN;
    }
}
