package dev.briefing.bot.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A chat's order for a daily digest.
 *
 * @param chatId the Telegram chat (negative for groups)
 * @param sendAt the local time of day to send at, whole minutes
 * @param zone the time zone {@code sendAt} and "today" are read in
 * @param since when the order was placed or last changed: a digest due before it is not sent, so subscribing
 *              at 10:00 for 08:00 starts tomorrow
 * @param lastArticleDay the article day the last digest sent covered, or null before the first digest
 * @param lastDigestDate the local date of the last digest sent, or null before the first digest
 */
public record Subscription(long chatId, LocalTime sendAt, ZoneId zone, Instant since, LocalDate lastArticleDay,
                           LocalDate lastDigestDate) {

    /** The time a digest goes out when the subscriber names none: people read the news with breakfast. */
    public static final LocalTime DEFAULT_SEND_AT = LocalTime.of(8, 0);

    public Subscription {
        if (chatId == 0) {
            throw new IllegalArgumentException("illegal chatId value: 0, Telegram chat ids are never 0");
        }
        Objects.requireNonNull(sendAt, "sendAt");
        if (sendAt.getSecond() != 0 || sendAt.getNano() != 0) {
            throw new IllegalArgumentException("illegal sendAt value: " + sendAt + ", must be whole minutes (HH:MM)");
        }
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(since, "since");
    }

    /** A new order, with no digest sent yet. */
    public static Subscription of(long chatId, LocalTime sendAt, ZoneId zone, Instant since) {
        return new Subscription(chatId, sendAt, zone, since, null, null);
    }
}
