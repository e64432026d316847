package dev.briefing.bot.digest;

import dev.briefing.bot.testing.FakeClock;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.store.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscribeHandlerTest {

    static final long ADMIN = 7;
    static final long MEMBER = 8;
    static final long GROUP = -100;

    @TempDir
    Path data;
    JdbcStore store;
    final FakeClock clock = new FakeClock(Instant.parse("2026-03-27T06:00:00Z"));
    final ChatAdmins admins = (chat, user) -> user == ADMIN;
    SubscribeHandler subscribe;
    UnsubscribeHandler unsubscribe;
    SubscriptionHandler subscription;

    @BeforeEach
    void open() {
        store = JdbcStore.open(data);
        subscribe = new SubscribeHandler(store, admins, clock);
        unsubscribe = new UnsubscribeHandler(store, admins);
        subscription = new SubscriptionHandler(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest(name = "/subscribe {0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "                        | 08:00 | Z",
            "7:30                    | 07:30 | Z",
            "07:30 Europe/Berlin     | 07:30 | Europe/Berlin",
            "europe/berlin 21:05     | 21:05 | Europe/Berlin",
            "UTC+3                   | 08:00 | UTC+03:00",
            "06:00 utc-5:30          | 06:00 | UTC-05:30",
            "23:59 GMT+14            | 23:59 | UTC+14:00",
            "00:00 UTC               | 00:00 | Z",
    })
    void timesAndZonesAreRead(String args, LocalTime at, String zone) {
        // when
        String reply = subscribe.reply(1, 1, args);

        // then
        Subscription s = store.subscription(1).orElseThrow();
        assertEquals(at, s.sendAt(), reply);
        assertEquals(ZoneId.of(zone), s.zone(), reply);
        assertTrue(reply.startsWith("Subscribed: a briefing every day at " + at), reply);
    }

    @ParameterizedTest(name = "/subscribe {0} is refused")
    @CsvSource(delimiter = '|', value = {
            "25:00           | Not a time of day: '25:00'",
            "08:00 Mars/Base | Unknown time zone: 'Mars/Base'; use a region such as Europe/Berlin",
            "UTC+19          | No such offset: 'UTC+19'",
            "08:00 09:00     | One time and one time zone at most, not '09:00'.",
    })
    void nonsenseIsRefusedWithUsage(String args, String problem) {
        String reply = subscribe.reply(1, 1, args);
        assertTrue(reply.startsWith(problem), reply);
        assertTrue(reply.contains("/subscribe [HH:MM] [time zone]"), reply);
        assertTrue(store.subscription(1).isEmpty());
    }

    @Test
    void theNextDigestIsAnnouncedInTheChatsZone() {
        // 06:00 UTC is 07:00 in Berlin: 08:00 is still ahead today; 06:30 is not
        assertTrue(subscribe.reply(1, 1, "08:00 Europe/Berlin").endsWith("Next: Friday 27 March, 08:00."));
        assertTrue(subscribe.reply(2, 2, "06:30 Europe/Berlin").endsWith("Next: Saturday 28 March, 06:30."));
    }

    @Test
    void changingTheTimeKeepsTheZone() {
        subscribe.reply(1, 1, "08:00 Asia/Almaty");
        String reply = subscribe.reply(1, 1, "09:30");
        assertTrue(reply.startsWith("Changed: a briefing every day at 09:30 (Asia/Almaty)."), reply);
    }

    @Test
    void inGroupsOnlyAdminsChangeTheSubscription() {
        // when a member tries
        assertEquals(SubscribeHandler.ADMINS_ONLY, subscribe.reply(GROUP, MEMBER, "08:00"));
        assertTrue(store.subscription(GROUP).isEmpty());

        // when an admin does
        subscribe.reply(GROUP, ADMIN, "08:00");
        assertEquals(SubscribeHandler.ADMINS_ONLY, unsubscribe.reply(GROUP, MEMBER, ""));
        assertTrue(store.subscription(GROUP).isPresent());

        // then anyone may look, and the admin may stop it
        assertTrue(subscription.reply(GROUP, MEMBER, "").startsWith("This chat gets a briefing every day at 08:00 (UTC)."));
        assertTrue(unsubscribe.reply(GROUP, ADMIN, "").startsWith("Unsubscribed"));
        assertTrue(subscription.reply(GROUP, MEMBER, "").startsWith("No daily briefing here."));
    }

    @Test
    void inPrivateChatsTheUserDecides() {
        ChatAdmins nobody = (chat, user) -> false;
        assertTrue(new SubscribeHandler(store, nobody, clock).reply(42, 42, "").startsWith("Subscribed"));
        assertEquals("This chat has no daily briefing to stop.", new UnsubscribeHandler(store, nobody).reply(43, 43, ""));
    }

    @Test
    void theZoneParserNamesWhatItCannotRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeZones.parse("Berlin"));
        assertEquals("unknown time zone: 'Berlin'; use " + TimeZones.EXAMPLES, e.getMessage());
    }
}
