package dev.briefing.bot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.bot.http.Webhook;
import dev.briefing.bot.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.io.IOException;
import java.util.Objects;

/**
 * The webhook's Telegram side: reads a request's body as an {@link Update} and gives it to the {@link DurableInbox}.
 * A body that is not an update (not JSON, no {@code update_id}) is refused with one log line; Telegram never sends
 * one, so it came from someone who knew the secret, or from a broken proxy.
 */
final class WebhookReceiver implements Webhook {

    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final DurableInbox inbox;

    WebhookReceiver(DurableInbox inbox) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    @Override
    public Metrics.WebhookOutcome receive(byte[] body) {
        Update update;
        try {
            update = JSON.readValue(body, Update.class);
        } catch (JsonProcessingException e) {
            log.warn("webhook: refused a body of {} bytes that is not an update (400): {}", body.length,
                    Redaction.redact(e.getOriginalMessage()));
            return Metrics.WebhookOutcome.BAD_REQUEST;
        } catch (IOException e) {
            log.warn("webhook: refused a body of {} bytes that cannot be read (400): {}", body.length, e.toString());
            return Metrics.WebhookOutcome.BAD_REQUEST;
        }
        if (update == null || update.getUpdateId() == null) {
            log.warn("webhook: refused a body of {} bytes without an update_id (400)", body.length);
            return Metrics.WebhookOutcome.BAD_REQUEST;
        }
        return inbox.receive(update);
    }
}
