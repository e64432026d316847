package dev.briefing.bot.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The row of one digest: the unit of exactly-once delivery.
 *
 * @param chatId the chat
 * @param localDate the day in the chat's time zone the digest is for
 * @param state where it stands
 * @param attempts how many times it was claimed
 * @param claimedAt when it was last claimed
 * @param sentAt when Telegram accepted it, or null
 * @param articleDay the article day it covered, or null ("no new articles", or not sent)
 * @param nextAttemptAt when a failed digest may be claimed again, or null (at once, or not failed)
 */
public record DigestRecord(long chatId, LocalDate localDate, DigestState state, int attempts, Instant claimedAt,
                           Instant sentAt, LocalDate articleDay, Instant nextAttemptAt) {

    public DigestRecord {
        Objects.requireNonNull(localDate, "localDate");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(claimedAt, "claimedAt");
        if (attempts < 1) {
            throw new IllegalArgumentException("illegal attempts value: " + attempts + ", must be at least 1");
        }
    }
}
