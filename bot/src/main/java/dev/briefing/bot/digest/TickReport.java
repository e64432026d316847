package dev.briefing.bot.digest;

import java.time.Duration;

/**
 * What one pass of the scheduler did.
 *
 * @param due chats whose digest was due
 * @param sent digests Telegram accepted (summaries and "no new articles" alike)
 * @param skipped due digests another sender held or had settled (a race lost, as it should be)
 * @param blocked chats that blocked the bot and were unsubscribed
 * @param migrated chats moved to a supergroup's new id
 * @param failed digests left for a later pass
 * @param retries 429 answers waited out
 * @param planning time to read subscriptions and find the due ones
 * @param elapsed time for the whole pass
 */
public record TickReport(int due, int sent, int skipped, int blocked, int migrated, int failed, int retries,
                         Duration planning, Duration elapsed) {

    @Override
    public String toString() {
        return "due " + due + ", sent " + sent + ", skipped " + skipped + ", blocked " + blocked + ", migrated " + migrated
                + ", failed " + failed + ", 429 retries " + retries + ", planning " + planning.toMillis() + " ms, elapsed "
                + elapsed.toMillis() + " ms";
    }
}
