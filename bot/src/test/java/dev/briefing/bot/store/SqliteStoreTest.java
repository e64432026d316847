package dev.briefing.bot.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteStoreTest {

    static final Instant T0 = Instant.parse("2026-03-28T06:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 3, 28);
    static final Duration LEASE = Duration.ofMinutes(10);

    @TempDir
    Path data;

    @Test
    void aNewFileIsMigratedToTheLatestSchema() {
        try (SqliteStore store = SqliteStore.open(data)) {
            assertEquals(Migrations.latest(), store.schemaVersion());
            assertTrue(store.file().startsWith(data));
        }
    }

    @Test
    void anOlderFileIsMigratedKeepingItsRows() throws Exception {
        // given a database at schema version 1 with a subscription
        try (SqliteStore v1 = SqliteStore.open(data, 1)) {
            v1.subscribe(Subscription.of(42, LocalTime.of(7, 30), ZoneId.of("Europe/Berlin"), T0));
            assertEquals(1, v1.schemaVersion());
            // a digest that failed under version 1, to be retried under the new schema
            try (Connection c = v1Connection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO digest (chat_id, local_date, state, attempts, claimed_at) VALUES (42, '"
                        + DAY + "', 'FAILED', 1, " + T0.toEpochMilli() + ")");
            }
        }

        // when
        try (SqliteStore store = SqliteStore.open(data)) {
            // then
            assertEquals(Migrations.latest(), store.schemaVersion());
            assertEquals(LocalTime.of(7, 30), store.subscription(42).orElseThrow().sendAt());
            store.saveSummary(DAY, "v", "{}", T0);
            DigestRecord failed = store.digest(42, DAY).orElseThrow();
            assertEquals(DigestState.FAILED, failed.state());
            assertEquals(null, failed.nextAttemptAt());
            assertTrue(store.claim(42, DAY, "a", T0, LEASE, 3));
        }
    }

    private Connection v1Connection() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE));
    }

    @Test
    void aFileFromANewerProgramIsRefused() throws Exception {
        // given
        SqliteStore.open(data).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE));
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version VALUES (99, 0)");
        }

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqliteStore.open(data));

        // then
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    /** Ways the database file gets lost or damaged under a running installation. */
    enum Damage {
        EMPTIED, DELETED, HEADER_OVERWRITTEN, TRUNCATED_TO_HALF, REPLACED_BY_A_NEW_DATABASE;

        void applyTo(Path file) throws Exception {
            switch (this) {
                case EMPTIED -> truncate(file, 0);
                case DELETED -> java.nio.file.Files.delete(file);
                case HEADER_OVERWRITTEN -> {
                    try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                        channel.write(java.nio.ByteBuffer.wrap("not a database, just some bytes".repeat(4).getBytes()), 0);
                    }
                }
                case TRUNCATED_TO_HALF -> truncate(file, java.nio.file.Files.size(file) / 2);
                case REPLACED_BY_A_NEW_DATABASE -> {
                    java.nio.file.Files.delete(file);
                    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                        s.executeUpdate("PRAGMA user_version = 1");
                    }
                }
            }
        }

        private static void truncate(Path file, long size) throws Exception {
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(size);
            }
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Damage.class)
    void aDatabaseLostOrDamagedAfterHoldingSubscriptionsStopsStartUpAndKeepsACopy(Damage damage) throws Exception {
        // given a database that held subscriptions (with enough rows to span several pages), then was damaged
        try (SqliteStore store = SqliteStore.open(data)) {
            for (long chat = 1; chat <= 300; chat++) {
                store.subscribe(Subscription.of(chat, LocalTime.of(8, 0), ZoneId.of("Europe/Berlin"), T0));
            }
        }
        Path file = data.resolve(SqliteStore.FILE);
        damage.applyTo(file);
        byte[] before = java.nio.file.Files.exists(file) ? java.nio.file.Files.readAllBytes(file) : null;

        // when
        DamagedStoreException e = assertThrows(DamagedStoreException.class, () -> SqliteStore.open(data));

        // then start-up stops with the path, a copy of what was there, and the file left as it was
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        if (before == null) {
            assertEquals(null, e.backup());
            assertFalse(java.nio.file.Files.exists(file), "no empty database was created in its place");
        } else {
            assertTrue(e.getMessage().contains(e.backup().toAbsolutePath().toString()), e.getMessage());
            byte[] now = java.nio.file.Files.readAllBytes(file);
            assertArrayEquals(now, java.nio.file.Files.readAllBytes(e.backup().resolve(SqliteStore.FILE)), "the copy");
            if (damage != Damage.REPLACED_BY_A_NEW_DATABASE) { // a readable file gets SQLite's journal mode first
                assertArrayEquals(before, now, "the damaged file is left as it was");
            }
        }
        // and it stays stopped on the next try
        assertThrows(DamagedStoreException.class, () -> SqliteStore.open(data));
    }

    @Test
    void anEmptiedDatabaseStartsEmptyOnceItsMarkerIsDeletedOnPurpose() throws Exception {
        // given a database that held a subscription, emptied, and refused once
        try (SqliteStore store = SqliteStore.open(data)) {
            store.subscribe(Subscription.of(1, LocalTime.of(8, 0), ZoneId.of("UTC"), T0));
        }
        Damage.EMPTIED.applyTo(data.resolve(SqliteStore.FILE));
        assertThrows(DamagedStoreException.class, () -> SqliteStore.open(data));
        // when the operator deletes the marker, as the message says
        java.nio.file.Files.delete(data.resolve(DataMarker.FILE));
        // then it starts empty
        try (SqliteStore store = SqliteStore.open(data)) {
            assertTrue(store.subscriptions().isEmpty());
        }
    }

    @Test
    void anEmptiedDatabaseThatNeverHeldSubscriptionsStartsEmpty() throws Exception {
        // given a database that only ever cached a summary
        try (SqliteStore store = SqliteStore.open(data)) {
            store.saveSummary(DAY, "v1", "{}", T0);
        }
        Damage.EMPTIED.applyTo(data.resolve(SqliteStore.FILE));
        // when / then: a cache lost is no reason to stop
        try (SqliteStore store = SqliteStore.open(data)) {
            assertTrue(store.summary(DAY, "v1").isEmpty());
        }
    }

    @Test
    void aDatabaseWhoseSubscribersAllLeftMayBeEmptied() throws Exception {
        // given every subscriber gone by the time the store closed
        try (SqliteStore store = SqliteStore.open(data)) {
            store.subscribe(Subscription.of(1, LocalTime.of(8, 0), ZoneId.of("UTC"), T0));
            store.unsubscribe(1);
        }
        Damage.EMPTIED.applyTo(data.resolve(SqliteStore.FILE));
        // when / then
        try (SqliteStore store = SqliteStore.open(data)) {
            assertTrue(store.subscriptions().isEmpty());
        }
    }

    @Test
    void subscriptionsSurviveReopeningAndResubscribingKeepsWhatWasSent() {
        // given
        try (SqliteStore store = SqliteStore.open(data)) {
            store.subscribe(Subscription.of(-100, LocalTime.of(8, 0), ZoneId.of("UTC+03:00"), T0));
            store.claim(-100, DAY, "a", T0, LEASE, 3);
            store.markSent(-100, DAY, "a", DAY.minusDays(1), T0);
        }

        // when
        try (SqliteStore store = SqliteStore.open(data)) {
            store.subscribe(Subscription.of(-100, LocalTime.of(9, 15), ZoneId.of("Asia/Almaty"), T0.plusSeconds(60)));

            // then
            Subscription s = store.subscription(-100).orElseThrow();
            assertEquals(new Subscription(-100, LocalTime.of(9, 15), ZoneId.of("Asia/Almaty"), T0.plusSeconds(60),
                    DAY.minusDays(1), DAY), s);
            assertEquals(List.of(s), store.subscriptions());
            assertTrue(store.unsubscribe(-100));
            assertFalse(store.unsubscribe(-100));
        }
    }

    /**
     * Each row: the state the digest is brought to (BACKING_OFF: failed, next attempt 5 minutes on), minutes later,
     * attempts allowed, whether a new claim wins.
     */
    @ParameterizedTest(name = "after {0}, a claim {1} min later with {2} attempts allowed wins: {3}")
    @CsvSource({
            "NONE,      0,  3, true",
            "CLAIMED,   0,  3, false",
            "CLAIMED,   9,  3, false",
            "CLAIMED,  10,  3, true",
            "SENT,     60,  3, false",
            "FAILED,    0,  3, true",
            "FAILED,    0,  1, false",
            "BACKING_OFF, 4, 3, false",
            "BACKING_OFF, 5, 3, true",
            "ABANDONED, 0,  3, false",
    })
    void claimsFollowTheDigestState(String before, int minutesLater, int maxAttempts, boolean wins) {
        try (SqliteStore store = SqliteStore.open(data)) {
            // given
            if (!before.equals("NONE")) {
                assertTrue(store.claim(1, DAY, "a", T0, LEASE, 3));
            }
            switch (before) {
                case "SENT" -> store.markSent(1, DAY, "a", DAY, T0);
                case "FAILED" -> store.markFailed(1, DAY, "a", T0);
                case "BACKING_OFF" -> store.markFailed(1, DAY, "a", T0.plus(Duration.ofMinutes(5)));
                case "ABANDONED" -> store.abandon(1, DAY);
                default -> { }
            }

            // when
            boolean claimed = store.claim(1, DAY, "b", T0.plus(Duration.ofMinutes(minutesLater)), LEASE, maxAttempts);

            // then
            assertEquals(wins, claimed);
        }
    }

    @Test
    void aRenewedClaimIsNotTakenOver() {
        try (SqliteStore store = SqliteStore.open(data)) {
            assertTrue(store.claim(1, DAY, "a", T0, LEASE, 3));
            assertTrue(store.renew(1, DAY, "a", T0.plus(Duration.ofMinutes(8))));
            assertFalse(store.claim(1, DAY, "b", T0.plus(Duration.ofMinutes(12)), LEASE, 3));
            assertEquals(DigestState.CLAIMED, store.digest(1, DAY).orElseThrow().state());
        }
    }

    @Test
    void aReleasedClaimDoesNotCountAsAnAttemptAndMayBeClaimedAtOnce() {
        try (SqliteStore store = SqliteStore.open(data)) {
            // given a first claim given back, and a digest that failed once, claimed again and given back
            assertTrue(store.claim(1, DAY, "a", T0, LEASE, 2));
            store.release(1, DAY, "a");
            assertTrue(store.claim(2, DAY, "a", T0, LEASE, 2));
            store.markFailed(2, DAY, "a", T0);
            assertTrue(store.claim(2, DAY, "b", T0, LEASE, 2));
            store.release(2, DAY, "b");

            // then the first left no row, the second is back at one failed attempt, and both may be claimed now
            assertTrue(store.digest(1, DAY).isEmpty());
            assertEquals(1, store.digest(2, DAY).orElseThrow().attempts());
            assertTrue(store.claim(1, DAY, "c", T0, LEASE, 2));
            assertTrue(store.claim(2, DAY, "c", T0, LEASE, 2));
        }
    }

    @Test
    void aSenderWhoseClaimWasTakenOverCannotMarkItSent() {
        try (SqliteStore store = SqliteStore.open(data)) {
            // given sender a's claim ran out and sender b took it over
            store.subscribe(Subscription.of(1, LocalTime.of(7, 0), ZoneId.of("UTC"), T0.minusSeconds(3600)));
            assertTrue(store.claim(1, DAY, "a", T0, LEASE, 3));
            assertTrue(store.claim(1, DAY, "b", T0.plus(LEASE), LEASE, 3));

            // when a finishes late
            boolean marked = store.markSent(1, DAY, "a", DAY, T0.plus(LEASE).plusSeconds(1));

            // then nothing changed: the row is b's to settle
            assertFalse(marked);
            assertFalse(store.renew(1, DAY, "a", T0.plus(LEASE).plusSeconds(1)));
            store.markFailed(1, DAY, "a", T0);
            assertEquals(DigestState.CLAIMED, store.digest(1, DAY).orElseThrow().state());
            assertEquals(null, store.subscription(1).orElseThrow().lastDigestDate());
            assertTrue(store.markSent(1, DAY, "b", DAY, T0.plus(LEASE).plusSeconds(2)));
            assertEquals(DAY, store.subscription(1).orElseThrow().lastDigestDate());
        }
    }

    @Test
    void twoProcessesRacingForTheSameDigestsClaimEachOnce() throws Exception {
        // given two stores on one file, as two bot instances would have
        int chats = 200;
        try (SqliteStore a = SqliteStore.open(data); SqliteStore b = SqliteStore.open(data)) {
            AtomicInteger wins = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (SqliteStore store : List.of(a, b, a, b)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (long chat = 1; chat <= chats; chat++) {
                        if (store.claim(chat, DAY, "token-" + chat, T0, LEASE, 3)) {
                            wins.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }

            // when
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            // then
            assertEquals(chats, wins.get());
        }
    }

    @Test
    void migrationMovesTheSubscriptionAndItsHistory() {
        try (SqliteStore store = SqliteStore.open(data)) {
            // given
            store.subscribe(Subscription.of(-5, LocalTime.of(8, 0), ZoneId.of("UTC"), T0));
            store.claim(-5, DAY, "a", T0, LEASE, 3);
            store.markSent(-5, DAY, "a", DAY, T0);

            // when
            store.move(-5, -1005);

            // then
            assertTrue(store.subscription(-5).isEmpty());
            assertEquals(DAY, store.subscription(-1005).orElseThrow().lastDigestDate());
            assertEquals(DigestState.SENT, store.digest(-1005, DAY).orElseThrow().state());
            assertFalse(store.claim(-1005, DAY, "b", T0, LEASE, 3));
        }
    }

    @Test
    void migrationKeepsADayTheNewIdWasAlreadySent() {
        try (SqliteStore store = SqliteStore.open(data)) {
            // given the supergroup got today's digest while the old group's attempt failed
            store.subscribe(Subscription.of(-5, LocalTime.of(8, 0), ZoneId.of("UTC"), T0.minusSeconds(3600)));
            store.subscribe(Subscription.of(-1005, LocalTime.of(8, 0), ZoneId.of("UTC"), T0.minusSeconds(3600)));
            assertTrue(store.claim(-1005, DAY, "new", T0, LEASE, 3));
            assertTrue(store.markSent(-1005, DAY, "new", DAY, T0));
            assertTrue(store.claim(-5, DAY, "old", T0, LEASE, 3));
            store.markFailed(-5, DAY, "old", T0);

            // when
            store.move(-5, -1005);

            // then the day stays sent and cannot be claimed again
            assertEquals(DigestState.SENT, store.digest(-1005, DAY).orElseThrow().state());
            assertTrue(store.digest(-5, DAY).isEmpty());
            assertFalse(store.claim(-1005, DAY, "again", T0.plus(Duration.ofHours(1)), LEASE, 3));
            assertEquals(DAY, store.subscription(-1005).orElseThrow().lastDigestDate());
        }
    }

    @Test
    void migrationKeepsADayTheOldIdWasSentOverTheNewIdsClaim() {
        try (SqliteStore store = SqliteStore.open(data)) {
            // given the old group got today's digest and a claim for the new id is stale
            store.subscribe(Subscription.of(-5, LocalTime.of(8, 0), ZoneId.of("UTC"), T0.minusSeconds(3600)));
            assertTrue(store.claim(-5, DAY, "old", T0, LEASE, 3));
            assertTrue(store.markSent(-5, DAY, "old", DAY, T0));
            assertTrue(store.claim(-1005, DAY, "new", T0, LEASE, 3));

            // when
            store.move(-5, -1005);

            // then SENT wins, and the new id's claim is gone with its row
            assertEquals(DigestState.SENT, store.digest(-1005, DAY).orElseThrow().state());
            assertFalse(store.renew(-1005, DAY, "new", T0));
            assertFalse(store.claim(-1005, DAY, "again", T0.plus(LEASE), LEASE, 3));
        }
    }

    @Test
    void aSummaryIsFoundOnlyUnderItsVersionAndANewVersionReplacesIt() {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.saveSummary(DAY, "v1", "one", T0);
            store.saveSummary(DAY.minusDays(1), "v1", "yesterday", T0);
            assertEquals("one", store.summary(DAY, "v1").orElseThrow());

            store.saveSummary(DAY, "v2", "two", T0);

            assertTrue(store.summary(DAY, "v1").isEmpty());
            assertEquals("two", store.summary(DAY, "v2").orElseThrow());
            assertEquals("yesterday", store.summary(DAY.minusDays(1), "v1").orElseThrow());
        }
    }

    @Test
    void subscriptionsAreValidatedByField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Subscription.of(1, LocalTime.of(8, 0, 30), ZoneId.of("UTC"), T0));
        assertTrue(e.getMessage().startsWith("illegal sendAt value: 08:00:30"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Subscription.of(0, LocalTime.NOON, ZoneId.of("UTC"), T0));
    }

    // --- inbox and outbox

    @Test
    void anUpdateIsRecordedOnceAndResumedUntilDone() {
        try (SqliteStore store = SqliteStore.open(data)) {
            // given two updates received
            assertEquals(java.util.Set.of(1L, 2L), store.receive(List.of(new ReceivedUpdate(1, "{a}"),
                    new ReceivedUpdate(2, "{b}")), T0));
            // when 2 and 3 are delivered again (a restart before Telegram heard the receipt)
            java.util.Set<Long> fresh = store.receive(List.of(new ReceivedUpdate(2, "{b}"), new ReceivedUpdate(3, "{c}")), T0);
            // then only 3 is new, and all three are unfinished in order
            assertEquals(java.util.Set.of(3L), fresh);
            assertEquals(List.of(1L, 2L, 3L), store.unfinished().stream().map(ReceivedUpdate::updateId).toList());
            // and once 2 is done it is no longer resumed, nor new when delivered again
            store.done(2, T0);
            assertEquals(List.of(1L, 3L), store.unfinished().stream().map(ReceivedUpdate::updateId).toList());
            assertTrue(store.receive(List.of(new ReceivedUpdate(2, "{b}")), T0).isEmpty());
        }
    }

    @Test
    void repliesAndTheirUpdatesCompletionAreOneStepAndSurviveAReopen() {
        // given an update and its two replies queued with it
        try (SqliteStore store = SqliteStore.open(data)) {
            store.receive(List.of(new ReceivedUpdate(7, "{q}")), T0);
            List<QueuedMessage> queued = store.queue(List.of(
                    new QueuedMessage.Draft(77, "part 1", 7, T0.plus(Duration.ofHours(1)), false),
                    new QueuedMessage.Draft(77, "part 2", 7, T0.plus(Duration.ofHours(1)), false)), java.util.OptionalLong.of(7), T0);
            assertEquals(2, queued.size());
            assertTrue(queued.get(0).id() < queued.get(1).id());
            assertTrue(store.unfinished().isEmpty());
            store.remove(queued.get(0).id());
        }
        // when the store is opened again
        try (SqliteStore store = SqliteStore.open(data)) {
            // then the reply not yet sent is still queued, with its deadline
            List<QueuedMessage> left = store.queued();
            assertEquals(1, left.size());
            assertEquals("part 2", left.get(0).message());
            assertEquals(T0.plus(Duration.ofHours(1)), left.get(0).deadline());
            assertEquals(7, left.get(0).updateId());
        }
    }

    @Test
    void doneUpdatesAreForgottenAfterAWhileButUnfinishedOnesAreKept() {
        try (SqliteStore store = SqliteStore.open(data)) {
            store.receive(List.of(new ReceivedUpdate(1, "{a}"), new ReceivedUpdate(2, "{b}")), T0);
            store.done(1, T0);
            assertEquals(1, store.forgetDone(T0.plusSeconds(1)));
            assertEquals(List.of(2L), store.unfinished().stream().map(ReceivedUpdate::updateId).toList());
        }
    }
}
