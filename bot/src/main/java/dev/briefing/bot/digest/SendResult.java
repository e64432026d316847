package dev.briefing.bot.digest;

import java.time.Duration;
import java.util.Objects;

/** What Telegram made of one message: the four answers the digest reacts to differently, and success. */
public sealed interface SendResult {

    /** Delivered. */
    record Ok() implements SendResult {
    }

    /** 429 Too Many Requests: wait {@code retryAfter}, then try again (every chat waits, not just this one). */
    record RetryAfter(Duration retryAfter) implements SendResult {
        public RetryAfter {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("illegal retryAfter value: " + retryAfter + ", must not be negative");
            }
        }
    }

    /** 403 Forbidden: the user blocked the bot or it was removed from the group; stop sending there. */
    record Blocked() implements SendResult {
    }

    /** 400 with {@code migrate_to_chat_id}: the group became a supergroup with a new id. */
    record Migrated(long newChatId) implements SendResult {
        public Migrated {
            if (newChatId == 0) {
                throw new IllegalArgumentException("illegal newChatId value: 0");
            }
        }
    }

    /** Anything else (network, 5xx, a 400 we did not expect); the digest may be tried again later. */
    record Failed(String reason) implements SendResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static SendResult ok() {
        return new Ok();
    }

    static SendResult retryAfter(int seconds) {
        return new RetryAfter(Duration.ofSeconds(seconds));
    }

    static SendResult blocked() {
        return new Blocked();
    }

    static SendResult migrated(long newChatId) {
        return new Migrated(newChatId);
    }

    static SendResult failed(String reason) {
        return new Failed(reason);
    }
}
