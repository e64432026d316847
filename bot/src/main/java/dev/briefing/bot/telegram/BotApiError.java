package dev.briefing.bot.telegram;

import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.time.Duration;
import java.util.Objects;

/**
 * What one Bot API error answer means, read in one place for the replies' {@link TelegramMessenger} and the digests'
 * {@link TelegramDigestSender}, which each turn it into their own result.
 *
 * @param kind what the sender should do about it
 * @param reason the method, the chat, the code and Telegram's description, never the token
 * @param retryAfter the wait a 429 asked for; zero otherwise
 * @param migrateTo the supergroup's id when {@link Kind#MIGRATED}; zero otherwise
 */
record BotApiError(Kind kind, String reason, Duration retryAfter, long migrateTo) {

    /** The wait to assume when a 429 comes without {@code retry_after}. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    enum Kind {
        /** 400 with {@code migrate_to_chat_id}: the group became a supergroup (read before the status code). */
        MIGRATED,
        /** 429: wait {@code retryAfter}; Telegram's flood wait holds the whole bot. */
        RATE_LIMITED,
        /** 5xx, or an answer that was not the Bot API's JSON (a proxy's page, a cut connection): try again later. */
        TRANSIENT,
        /** 403: the user blocked the bot, or it left the group. */
        BLOCKED,
        /** Any other error (400 and the like): the message will never go through. */
        REJECTED
    }

    BotApiError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    static BotApiError read(TelegramApiRequestException e, String method, long chatId) {
        Integer code = e.getErrorCode();
        String reason = Redaction.redact(method + " to chat " + chatId + ": " + (code == null ? "" : code + " ")
                + Objects.requireNonNullElse(e.getApiResponse(), TelegramConnection.rootCause(e)));
        ResponseParameters parameters = e.getParameters();
        Long to = parameters == null ? null : parameters.getMigrateToChatId();
        if (to != null && to != 0 && to != chatId) {
            return new BotApiError(Kind.MIGRATED, reason + " (the group is now chat " + to + ")", Duration.ZERO, to);
        }
        // No code (0 or none) means the answer was not the Bot API's JSON.
        if (code == null || code == 0 || code >= 500) {
            return new BotApiError(Kind.TRANSIENT, reason, Duration.ZERO, 0);
        }
        if (code == 429) {
            Integer seconds = parameters == null ? null : parameters.getRetryAfter();
            Duration wait = seconds == null ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(Math.max(0, seconds));
            return new BotApiError(Kind.RATE_LIMITED, reason, wait, 0);
        }
        return new BotApiError(code == 403 ? Kind.BLOCKED : Kind.REJECTED, reason, Duration.ZERO, 0);
    }
}
