package dev.briefing.bot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The bot's figures in a Micrometer {@link PrometheusMeterRegistry}, written in Prometheus' text format by {@link
 * #scrape()} (served at {@code /metrics}). The names, as Prometheus sees them:
 *
 * <ul>
 *   <li>{@code briefing_questions_total}, {@code briefing_abstentions_total}: questions answered, and those the
 *       articles did not answer;</li>
 *   <li>{@code briefing_answer_seconds}: a histogram of the time to answer one question (buckets from 50 ms to
 *       30 s);</li>
 *   <li>{@code briefing_sends_total{outcome=ok|rate_limited|transient|rejected}}: tries to send a reply;</li>
 *   <li>{@code briefing_telegram_rate_limited_total{source=reply|digest}}: 429 answers from the Bot API;</li>
 *   <li>{@code briefing_digests_total{outcome=sent|rate_limited|migrated|failed}}: tries to send a digest;</li>
 *   <li>{@code briefing_webhook_requests_total{outcome=accepted|duplicate|unauthorized|bad_request|unavailable}};</li>
 *   <li>{@code briefing_outbox_queued}, {@code briefing_inbox_backlog}: queue depths, read when scraped;</li>
 *   <li>the JVM's memory, threads, CPU and uptime, as Micrometer's binders name them.</li>
 * </ul>
 */
public final class PrometheusMetrics implements Metrics {

    /** Answer-time buckets: from a cached answer to one that waited behind a busy model. */
    static final Duration[] ANSWER_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter questions;
    private final Counter abstentions;
    private final Timer answerTime;
    private final Map<SendOutcome, Counter> sends = new EnumMap<>(SendOutcome.class);
    private final Map<DigestOutcome, Counter> digests = new EnumMap<>(DigestOutcome.class);
    private final Map<WebhookOutcome, Counter> webhook = new EnumMap<>(WebhookOutcome.class);
    private final Counter replyRateLimited;
    private final Counter digestRateLimited;
    private final Map<Queue, AtomicReference<IntSupplier>> queues = new EnumMap<>(Queue.class);

    public PrometheusMetrics() {
        questions = Counter.builder("briefing.questions").description("Questions answered or abstained from")
                .register(registry);
        abstentions = Counter.builder("briefing.abstentions")
                .description("Questions the articles did not answer").register(registry);
        answerTime = Timer.builder("briefing.answer").description("Time to answer one question")
                .serviceLevelObjectives(ANSWER_BUCKETS).register(registry);
        for (SendOutcome o : SendOutcome.values()) {
            sends.put(o, Counter.builder("briefing.sends").description("Tries to send a reply, by outcome")
                    .tag("outcome", name(o)).register(registry));
        }
        for (DigestOutcome o : DigestOutcome.values()) {
            digests.put(o, Counter.builder("briefing.digests").description("Tries to send a digest, by outcome")
                    .tag("outcome", name(o)).register(registry));
        }
        for (WebhookOutcome o : WebhookOutcome.values()) {
            webhook.put(o, Counter.builder("briefing.webhook.requests").description("Webhook requests, by outcome")
                    .tag("outcome", name(o)).register(registry));
        }
        replyRateLimited = rateLimited("reply");
        digestRateLimited = rateLimited("digest");
        gaugeOf(Queue.OUTBOX, "briefing.outbox.queued", "Replies queued in this instance and not yet sent");
        gaugeOf(Queue.INBOX, "briefing.inbox.backlog", "Updates received and not yet handled");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @Override
    public void answered(Duration latency, boolean abstained) {
        questions.increment();
        if (abstained) {
            abstentions.increment();
        }
        answerTime.record(latency);
    }

    @Override
    public void sent(SendOutcome outcome) {
        sends.get(outcome).increment();
        if (outcome == SendOutcome.RATE_LIMITED) {
            replyRateLimited.increment();
        }
    }

    @Override
    public void digest(DigestOutcome outcome) {
        digests.get(outcome).increment();
        if (outcome == DigestOutcome.RATE_LIMITED) {
            digestRateLimited.increment();
        }
    }

    @Override
    public void webhook(WebhookOutcome outcome) {
        webhook.get(outcome).increment();
    }

    @Override
    public void gauge(Queue queue, IntSupplier depth) {
        queues.get(queue).set(depth);
    }

    /** Every figure, in Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    private Counter rateLimited(String source) {
        return Counter.builder("briefing.telegram.rate.limited")
                .description("429 Too Many Requests answers from the Bot API").tag("source", source).register(registry);
    }

    private void gaugeOf(Queue queue, String name, String description) {
        AtomicReference<IntSupplier> depth = new AtomicReference<>(() -> 0);
        queues.put(queue, depth);
        Gauge.builder(name, depth, PrometheusMetrics::read).description(description).register(registry);
    }

    /** A depth that cannot be read (the database is down) shows as NaN rather than failing the whole scrape. */
    private static double read(AtomicReference<IntSupplier> depth) {
        try {
            return depth.get().getAsInt();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
