package dev.briefing.bot.digest;

import dev.briefing.bot.store.Subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/** When a subscription's digests fall due. */
final class Schedule {

    private Schedule() {
    }

    /**
     * The instant of a local day's digest. A time skipped by a daylight-saving jump (02:30 on the spring day in
     * Berlin) moves later by the jump (03:30); a time that occurs twice (autumn) takes the first occurrence.
     */
    static Instant sendTime(Subscription s, LocalDate localDate) {
        return ZonedDateTime.of(localDate, s.sendAt(), s.zone()).toInstant();
    }

    /**
     * The local day whose digest is due at {@code now}: today in the chat's zone, once its time has come, unless
     * already sent, or the subscription was placed after that time. A bot that was down at the time thus sends
     * on coming back the same day; a day missed entirely is not sent late, since the next digest covers it.
     */
    static Optional<LocalDate> due(Subscription s, Instant now) {
        LocalDate today = now.atZone(s.zone()).toLocalDate();
        if (today.equals(s.lastDigestDate())) {
            return Optional.empty();
        }
        Instant at = sendTime(s, today);
        if (now.isBefore(at) || at.isBefore(s.since())) {
            return Optional.empty();
        }
        return Optional.of(today);
    }

    /** When the next digest goes out: today's time if still ahead (or due now), else tomorrow's. */
    static Instant next(Subscription s, Instant now) {
        LocalDate day = now.atZone(s.zone()).toLocalDate();
        for (int i = 0; i < 3; i++, day = day.plusDays(1)) {
            Instant at = sendTime(s, day);
            if (!day.equals(s.lastDigestDate()) && !at.isBefore(s.since())) {
                return at.isBefore(now) ? now : at;
            }
        }
        return sendTime(s, day);
    }
}
