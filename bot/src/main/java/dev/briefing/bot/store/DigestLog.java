package dev.briefing.bot.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Records, per chat and local day, whether the digest was claimed and sent: the database row, not memory,
 * decides who sends, so two senders or a restart cannot send a day's digest twice.
 */
public interface DigestLog {

    /**
     * Claims the digest of a chat for a local day. Succeeds when no row exists, when the row failed fewer than
     * {@code maxAttempts} times, or when an earlier claim is older than {@code lease} (its holder died).
     *
     * @return true when the caller now holds the claim and should send
     */
    boolean claim(long chatId, LocalDate localDate, Instant now, Duration lease, int maxAttempts);

    /** Extends a held claim, before a long wait (a 429's retry_after) lets the lease run out. */
    void renew(long chatId, LocalDate localDate, Instant now);

    /** Marks the digest sent and records on the subscription what it covered; one transaction. */
    void markSent(long chatId, LocalDate localDate, LocalDate articleDay, Instant now);

    /** Marks a failed send; it may be claimed again. */
    void markFailed(long chatId, LocalDate localDate);

    /** Gives up on a digest for good. */
    void abandon(long chatId, LocalDate localDate);

    Optional<DigestRecord> digest(long chatId, LocalDate localDate);
}
