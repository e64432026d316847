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
     * Claims the digest of a chat for a local day for the holder {@code token} (unique per claim). Succeeds when
     * no row exists, when the row failed fewer than {@code maxAttempts} times and its next attempt is due at
     * {@code now}, or when an earlier claim is older than {@code lease} (its holder died).
     *
     * @return true when the caller now holds the claim and should send
     */
    boolean claim(long chatId, LocalDate localDate, String token, Instant now, Duration lease, int maxAttempts);

    /**
     * Extends the claim {@code token} holds, before a long wait (a 429's retry_after) lets the lease run out.
     *
     * @return false when {@code token} no longer holds the claim (taken over, or dropped by a chat migration)
     */
    boolean renew(long chatId, LocalDate localDate, String token, Instant now);

    /**
     * Marks the digest sent and records on the subscription what it covered, in one transaction, but only while
     * {@code token} holds the claim: a sender whose lease ran out must not settle another sender's claim.
     *
     * @return false, changing nothing, when the claim was lost
     */
    boolean markSent(long chatId, LocalDate localDate, String token, LocalDate articleDay, Instant now);

    /** Marks a failed send under {@code token}'s claim; it may be claimed again from {@code retryAt}. */
    void markFailed(long chatId, LocalDate localDate, String token, Instant retryAt);

    /**
     * Gives back {@code token}'s claim on a digest it did not send (the bot is stopping): the attempt does not
     * count, and the digest may be claimed again at once.
     */
    void release(long chatId, LocalDate localDate, String token);

    /** Gives up on a digest for good. */
    void abandon(long chatId, LocalDate localDate);

    Optional<DigestRecord> digest(long chatId, LocalDate localDate);
}
