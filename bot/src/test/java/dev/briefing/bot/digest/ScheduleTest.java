package dev.briefing.bot.digest;

import dev.briefing.bot.store.Subscription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScheduleTest {

    static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @ParameterizedTest(name = "{1} in {0} on {2} is {3}")
    @CsvSource({
            "Europe/Berlin,     08:00, 2026-03-28, 2026-03-28T07:00:00Z",
            "Europe/Berlin,     08:00, 2026-03-29, 2026-03-29T06:00:00Z",  // summer time from this night
            "Europe/Berlin,     02:30, 2026-03-29, 2026-03-29T01:30:00Z",  // 02:30 does not exist: 03:30 CEST
            "Europe/Berlin,     02:30, 2026-10-25, 2026-10-25T00:30:00Z",  // 02:30 happens twice: the first
            "Europe/Berlin,     08:00, 2026-10-25, 2026-10-25T07:00:00Z",
            "America/New_York,  08:00, 2026-03-08, 2026-03-08T12:00:00Z",
            "UTC+03:00,         08:00, 2026-03-29, 2026-03-29T05:00:00Z",
            "Asia/Kathmandu,    06:00, 2026-01-01, 2026-01-01T00:15:00Z",
            "Pacific/Kiritimati,00:00, 2026-01-01, 2025-12-31T10:00:00Z",
    })
    void sendTimesFollowTheZoneAndItsDaylightSaving(String zone, LocalTime at, LocalDate day, Instant expected) {
        Subscription s = Subscription.of(1, at, ZoneId.of(zone), LONG_AGO);
        assertEquals(expected, Schedule.sendTime(s, day));
    }

    /** A Berlin subscriber at 08:00; {@code since} is when it subscribed, {@code last} its last digest's date. */
    @ParameterizedTest(name = "at {0}, subscribed {1}, last sent {2}: due {3}")
    @CsvSource({
            "2026-03-28T06:59:59Z, 2020-01-01T00:00:00Z,           , ",
            "2026-03-28T07:00:00Z, 2020-01-01T00:00:00Z,           , 2026-03-28",
            "2026-03-28T21:00:00Z, 2020-01-01T00:00:00Z,           , 2026-03-28",  // down at 08:00, back the same day
            "2026-03-28T21:00:00Z, 2020-01-01T00:00:00Z, 2026-03-28, ",
            "2026-03-28T23:30:00Z, 2020-01-01T00:00:00Z, 2026-03-28, ",            // 00:30 on the 29th in Berlin
            "2026-03-28T09:00:00Z, 2026-03-28T08:00:00Z,           , ",            // subscribed after today's time
            "2026-03-29T06:00:00Z, 2026-03-28T08:00:00Z,           , 2026-03-29",
    })
    void dueDays(Instant now, Instant since, LocalDate last, LocalDate expected) {
        Subscription s = new Subscription(1, LocalTime.of(8, 0), ZoneId.of("Europe/Berlin"), since, null, last);
        assertEquals(Optional.ofNullable(expected), Schedule.due(s, now));
    }
}
