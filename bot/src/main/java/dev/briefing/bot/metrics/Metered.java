package dev.briefing.bot.metrics;

import dev.briefing.bot.chat.Knowledge;
import dev.briefing.bot.digest.DigestSender;
import dev.briefing.bot.digest.SendResult;
import dev.briefing.bot.message.ButtonPress;
import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.Messenger;
import dev.briefing.bot.message.OutgoingMessage;
import dev.briefing.knowledge.Catalog;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Conversation;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bot's seams with their figures reported to {@link Metrics}: each wraps one and behaves exactly as it does,
 * reporting on the way. So chat logic, the outbox and the digests stay free of metrics code.
 */
public final class Metered {

    private Metered() {
    }

    /** Reports each question, whether it was abstained from, and how long it took ({@code clock} times it). */
    public static Knowledge knowledge(Knowledge knowledge, Metrics metrics, Clock clock) {
        Objects.requireNonNull(knowledge, "knowledge");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        return new Knowledge() {
            @Override
            public Answer ask(String question, Conversation conversation) {
                Instant start = clock.instant();
                Answer answer = knowledge.ask(question, conversation);
                metrics.answered(Duration.between(start, clock.instant()), !answer.answered());
                return answer;
            }

            @Override
            public Catalog catalog() {
                return knowledge.catalog();
            }

            @Override
            public List<Article> articles() {
                return knowledge.articles();
            }

            @Override
            public Optional<Passage> passage(String passageId) {
                return knowledge.passage(passageId);
            }
        };
    }

    /** Reports each try to send a message by its outcome; typing indicators and acknowledgements are not counted. */
    public static Messenger messenger(Messenger messenger, Metrics metrics) {
        Objects.requireNonNull(messenger, "messenger");
        Objects.requireNonNull(metrics, "metrics");
        return new Messenger() {
            @Override
            public int send(OutgoingMessage message) throws DeliveryException {
                try {
                    int id = messenger.send(message);
                    metrics.sent(Metrics.SendOutcome.OK);
                    return id;
                } catch (DeliveryException e) {
                    metrics.sent(switch (e.kind()) {
                        case RATE_LIMITED -> Metrics.SendOutcome.RATE_LIMITED;
                        case TRANSIENT -> Metrics.SendOutcome.TRANSIENT;
                        case REJECTED -> Metrics.SendOutcome.REJECTED;
                    });
                    throw e;
                }
            }

            @Override
            public void typing(long chatId) throws DeliveryException {
                messenger.typing(chatId);
            }

            @Override
            public void acknowledge(ButtonPress press) throws DeliveryException {
                messenger.acknowledge(press);
            }
        };
    }

    /** Reports each try to send a digest by its outcome. */
    public static DigestSender digestSender(DigestSender sender, Metrics metrics) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(metrics, "metrics");
        return (chatId, html) -> {
            SendResult result = sender.send(chatId, html);
            metrics.digest(outcome(result));
            return result;
        };
    }

    static Metrics.DigestOutcome outcome(SendResult result) {
        if (result instanceof SendResult.Ok) {
            return Metrics.DigestOutcome.SENT;
        } else if (result instanceof SendResult.RetryAfter) {
            return Metrics.DigestOutcome.RATE_LIMITED;
        } else if (result instanceof SendResult.Migrated) {
            return Metrics.DigestOutcome.MIGRATED;
        }
        return Metrics.DigestOutcome.FAILED;
    }
}
