package dev.briefing.bot.http;

import dev.briefing.bot.metrics.Metrics;

/**
 * Takes the body of one webhook request, whose secret header the listener has already checked, and says what became
 * of it: the listener answers 200 for {@link Metrics.WebhookOutcome#ACCEPTED} and {@link
 * Metrics.WebhookOutcome#DUPLICATE} (only once the update is stored), 400 for {@link
 * Metrics.WebhookOutcome#BAD_REQUEST} and 503 for {@link Metrics.WebhookOutcome#UNAVAILABLE}, which Telegram
 * delivers again.
 */
@FunctionalInterface
public interface Webhook {

    Metrics.WebhookOutcome receive(byte[] body);
}
