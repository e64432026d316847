package dev.briefing.bot.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import dev.briefing.bot.store.TestDatabases.Engine;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
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
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcStoreTest {

    static final Instant T0 = Instant.parse("2026-03-28T06:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 3, 28);
    static final Duration LEASE = Duration.ofMinutes(10);
    /** The newest migration, V6: chat leases. */
    static final int LATEST = 6;

    @TempDir
    Path data;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @ParameterizedTest
    @MethodSource("engines")
    void aNewDatabaseIsMigratedToTheLatestSchema(Engine engine) {
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
            assertEquals(LATEST, store.schemaVersion());
            assertEquals(db, store.database());
        }
        // and opening it again finds nothing to do
        try (JdbcStore store = JdbcStore.open(db)) {
            assertEquals(LATEST, store.schemaVersion());
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theSchemaVersionIsAskedOfTheDatabaseSoAHealthCheckSeesItGone(Engine engine) {
        JdbcStore store = JdbcStore.open(databases.create(engine));
        assertEquals(LATEST, store.schemaVersion());
        store.close();
        assertThrows(IllegalStateException.class, store::schemaVersion);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anOlderSchemaIsMigratedKeepingItsRows(Engine engine) {
        // given a database at schema version 1 with a subscription
        Database db = databases.create(engine);
        try (JdbcStore v1 = JdbcStore.open(db, OptionalInt.of(1))) {
            v1.subscribe(Subscription.of(42, LocalTime.of(7, 30), ZoneId.of("Europe/Berlin"), T0));
            assertEquals(1, v1.schemaVersion());
        }

        // when
        try (JdbcStore store = JdbcStore.open(db)) {
            // then
            assertEquals(LATEST, store.schemaVersion());
            assertEquals(LocalTime.of(7, 30), store.subscription(42).orElseThrow().sendAt());
            assertTrue(store.claim(42, DAY, "a", T0, LEASE, 3));
            store.saveConversation("private:42", "[]", T0.plusSeconds(60));
            assertEquals("[]", store.conversation("private:42", T0).orElseThrow());
        }
    }

    /** A database file as the hand-written migrations left it at version 4, with a row in every table. */
    private Path legacyDatabase(int recordedVersion) throws Exception {
        Path file = data.resolve(JdbcStore.FILE);
        String schema = new String(getClass().getResourceAsStream("legacy-v4.sql").readAllBytes(), StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : schema.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    s.executeUpdate(sql);
                }
            }
            s.executeUpdate("INSERT INTO schema_version (version, applied_at) VALUES (" + recordedVersion + ", 0)"
                    + " ON CONFLICT DO NOTHING");
            s.executeUpdate("INSERT INTO subscription VALUES (-1001234567890, '07:30', 'Europe/Berlin', " + T0.toEpochMilli()
                    + ", '2026-03-27', '2026-03-27')");
            s.executeUpdate("INSERT INTO digest (chat_id, local_date, state, attempts, claimed_at, sent_at, article_day,"
                    + " next_attempt_at, claim_token) VALUES (-1001234567890, '2026-03-27', 'SENT', 1, 1, 2, '2026-03-27', NULL, 'x')");
            s.executeUpdate("INSERT INTO digest (chat_id, local_date, state, attempts, claimed_at, next_attempt_at, claim_token)"
                    + " VALUES (-1001234567890, '" + DAY + "', 'FAILED', 1, 1, " + T0.toEpochMilli() + ", 'y')");
            s.executeUpdate("INSERT INTO summary VALUES ('2026-03-27', 'v1', '{\"points\": []}', 5)");
            s.executeUpdate("INSERT INTO inbox VALUES (900, '{\"update_id\": 900}', 6, NULL)");
            s.executeUpdate("INSERT INTO outbox (chat_id, message, update_id, queued_at, deadline, notice)"
                    + " VALUES (77, 'queued before the upgrade', 900, 7, " + T0.plusSeconds(3600).toEpochMilli() + ", 0)");
        }
        return file;
    }

    private static List<String> tableDefinitions(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE name IN ('subscription', 'digest', 'summary',"
                     + " 'inbox', 'inbox_unfinished', 'outbox', 'schema_version') ORDER BY name")) {
            while (r.next()) {
                out.add(r.getString(1) + ": " + r.getString(2));
            }
        }
        return out;
    }

    @Test
    void aDatabaseOfTheHandWrittenMigrationsIsCarriedOverUnchanged() throws Exception {
        // given briefing.db as the previous program left it: schema version 4, a row in every table
        Path file = legacyDatabase(4);
        List<String> before = tableDefinitions(file);
        assertEquals(7, before.size(), before.toString());

        // when the new program opens it
        try (JdbcStore store = JdbcStore.open(data)) {
            // then it is baselined at 4, only the newer migrations applied
            assertEquals(LATEST, store.schemaVersion());
            // and every row reads as before
            assertEquals(new Subscription(-1001234567890L, LocalTime.of(7, 30), ZoneId.of("Europe/Berlin"), T0,
                    LocalDate.parse("2026-03-27"), LocalDate.parse("2026-03-27")), store.subscription(-1001234567890L).orElseThrow());
            assertEquals(DigestState.SENT, store.digest(-1001234567890L, LocalDate.parse("2026-03-27")).orElseThrow().state());
            DigestRecord failed = store.digest(-1001234567890L, DAY).orElseThrow();
            assertEquals(DigestState.FAILED, failed.state());
            assertEquals(T0, failed.nextAttemptAt());
            assertEquals("{\"points\": []}", store.summary(LocalDate.parse("2026-03-27"), "v1").orElseThrow());
            assertEquals(List.of(new ReceivedUpdate(900, "{\"update_id\": 900}")), store.unfinished());
            QueuedMessage old = store.queued().get(0);
            assertEquals("queued before the upgrade", old.message());
            // and the old outbox's numbering goes on
            List<QueuedMessage> next = store.queue(List.of(new QueuedMessage.Draft(77, "after", 0, T0.plusSeconds(60), false)),
                    OptionalLong.empty(), T0);
            assertTrue(next.get(0).id() > old.id());
            // and the claim protocol works on the old rows
            assertTrue(store.claim(-1001234567890L, DAY, "new", T0, LEASE, 3));
        }
        // the old tables are as they were, schema_version included, but for the inbox's chat (V6), and the history
        // says how it got here
        List<String> expected = before.stream().map(t -> t.startsWith("inbox: CREATE TABLE")
                ? t.substring(0, t.length() - 1) + ", chat_id BIGINT NOT NULL DEFAULT 0)" : t).toList();
        assertEquals(expected, tableDefinitions(file));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank")) {
            List<String> history = new ArrayList<>();
            while (r.next()) {
                history.add(r.getString(1) + " " + r.getString(2) + " " + r.getBoolean(3));
            }
            assertEquals(List.of("4 BASELINE true", "5 SQL true", "6 SQL true"), history);
        }
    }

    @Test
    void aDatabaseOfTheHandWrittenMigrationsFromANewerProgramIsRefusedUntouched() throws Exception {
        // given a file whose hand-written migrations recorded a version this program does not know
        Path file = legacyDatabase(99);
        byte[] before = java.nio.file.Files.readAllBytes(file);

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcStore.open(data));

        // then
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
        assertFalse(tableDefinitions(file).stream().anyMatch(t -> t.startsWith("flyway")), "no history table was added");
        assertEquals(before.length, java.nio.file.Files.readAllBytes(file).length);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aDatabaseFromANewerProgramIsRefused(Engine engine) throws Exception {
        // given a database a newer program migrated past this one's latest version
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
            store.update("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0,"
                    + " 'test', 0, ?)", true);
        }

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcStore.open(db));

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
        try (JdbcStore store = JdbcStore.open(data)) {
            for (long chat = 1; chat <= 300; chat++) {
                store.subscribe(Subscription.of(chat, LocalTime.of(8, 0), ZoneId.of("Europe/Berlin"), T0));
            }
        }
        Path file = data.resolve(JdbcStore.FILE);
        damage.applyTo(file);
        byte[] before = java.nio.file.Files.exists(file) ? java.nio.file.Files.readAllBytes(file) : null;

        // when
        DamagedStoreException e = assertThrows(DamagedStoreException.class, () -> JdbcStore.open(data));

        // then start-up stops with the path, a copy of what was there, and the file left as it was
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        if (before == null) {
            assertEquals(null, e.backup());
            assertFalse(java.nio.file.Files.exists(file), "no empty database was created in its place");
        } else {
            assertTrue(e.getMessage().contains(e.backup().toAbsolutePath().toString()), e.getMessage());
            byte[] now = java.nio.file.Files.readAllBytes(file);
            assertArrayEquals(now, java.nio.file.Files.readAllBytes(e.backup().resolve(JdbcStore.FILE)), "the copy");
            if (damage != Damage.REPLACED_BY_A_NEW_DATABASE) { // a readable file gets SQLite's journal mode first
                assertArrayEquals(before, now, "the damaged file is left as it was");
            }
        }
        // and it stays stopped on the next try
        assertThrows(DamagedStoreException.class, () -> JdbcStore.open(data));
    }

    @Test
    void anEmptiedDatabaseStartsEmptyOnceItsMarkerIsDeletedOnPurpose() throws Exception {
        // given a database that held a subscription, emptied, and refused once
        try (JdbcStore store = JdbcStore.open(data)) {
            store.subscribe(Subscription.of(1, LocalTime.of(8, 0), ZoneId.of("UTC"), T0));
        }
        Damage.EMPTIED.applyTo(data.resolve(JdbcStore.FILE));
        assertThrows(DamagedStoreException.class, () -> JdbcStore.open(data));
        // when the operator deletes the marker, as the message says
        java.nio.file.Files.delete(data.resolve(DataMarker.FILE));
        // then it starts empty
        try (JdbcStore store = JdbcStore.open(data)) {
            assertTrue(store.subscriptions().isEmpty());
        }
    }

    @Test
    void anEmptiedDatabaseThatNeverHeldSubscriptionsStartsEmpty() throws Exception {
        // given a database that only ever cached a summary
        try (JdbcStore store = JdbcStore.open(data)) {
            store.saveSummary(DAY, "v1", "{}", T0);
        }
        Damage.EMPTIED.applyTo(data.resolve(JdbcStore.FILE));
        // when / then: a cache lost is no reason to stop
        try (JdbcStore store = JdbcStore.open(data)) {
            assertTrue(store.summary(DAY, "v1").isEmpty());
        }
    }

    @Test
    void aDatabaseWhoseSubscribersAllLeftMayBeEmptied() throws Exception {
        // given every subscriber gone by the time the store closed
        try (JdbcStore store = JdbcStore.open(data)) {
            store.subscribe(Subscription.of(1, LocalTime.of(8, 0), ZoneId.of("UTC"), T0));
            store.unsubscribe(1);
        }
        Damage.EMPTIED.applyTo(data.resolve(JdbcStore.FILE));
        // when / then
        try (JdbcStore store = JdbcStore.open(data)) {
            assertTrue(store.subscriptions().isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void subscriptionsSurviveReopeningAndResubscribingKeepsWhatWasSent(Engine engine) {
        Database db = databases.create(engine);
        // given
        try (JdbcStore store = JdbcStore.open(db)) {
            store.subscribe(Subscription.of(-100, LocalTime.of(8, 0), ZoneId.of("UTC+03:00"), T0));
            store.claim(-100, DAY, "a", T0, LEASE, 3);
            store.markSent(-100, DAY, "a", DAY.minusDays(1), T0);
        }

        // when
        try (JdbcStore store = JdbcStore.open(db)) {
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
    static Stream<Arguments> claimRows() {
        Object[][] rows = {
                {"NONE", 0, 3, true},
                {"CLAIMED", 0, 3, false},
                {"CLAIMED", 9, 3, false},
                {"CLAIMED", 10, 3, true},
                {"SENT", 60, 3, false},
                {"FAILED", 0, 3, true},
                {"FAILED", 0, 1, false},
                {"BACKING_OFF", 4, 3, false},
                {"BACKING_OFF", 5, 3, true},
                {"ABANDONED", 0, 3, false},
        };
        return engines().flatMap(e -> Stream.of(rows).map(r -> Arguments.of(e, r[0], r[1], r[2], r[3])));
    }

    static Stream<Engine> engines() {
        return TestDatabases.engines();
    }

    @ParameterizedTest(name = "{0}: after {1}, a claim {2} min later with {3} attempts allowed wins: {4}")
    @MethodSource("claimRows")
    void claimsFollowTheDigestState(Engine engine, String before, int minutesLater, int maxAttempts, boolean wins) {
        try (JdbcStore store = JdbcStore.open(databases.create(engine))) {
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

    @ParameterizedTest
    @MethodSource("engines")
    void aRenewedClaimIsNotTakenOver(Engine engine) {
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
            assertTrue(store.claim(1, DAY, "a", T0, LEASE, 3));
            assertTrue(store.renew(1, DAY, "a", T0.plus(Duration.ofMinutes(8))));
            assertFalse(store.claim(1, DAY, "b", T0.plus(Duration.ofMinutes(12)), LEASE, 3));
            assertEquals(DigestState.CLAIMED, store.digest(1, DAY).orElseThrow().state());
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aReleasedClaimDoesNotCountAsAnAttemptAndMayBeClaimedAtOnce(Engine engine) {
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
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

    @ParameterizedTest
    @MethodSource("engines")
    void aSenderWhoseClaimWasTakenOverCannotMarkItSent(Engine engine) {
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
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

    @ParameterizedTest
    @MethodSource("engines")
    void twoProcessesRacingForTheSameDigestsClaimEachOnce(Engine engine) throws Exception {
        Database db = databases.create(engine);
        // given two stores on one file, as two bot instances would have
        int chats = 200;
        try (JdbcStore a = JdbcStore.open(db); JdbcStore b = JdbcStore.open(db)) {
            AtomicInteger wins = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (JdbcStore store : List.of(a, b, a, b)) {
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

    @ParameterizedTest
    @MethodSource("engines")
    void migrationMovesTheSubscriptionAndItsHistory(Engine engine) {
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
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

    @ParameterizedTest
    @MethodSource("engines")
    void migrationKeepsADayTheNewIdWasAlreadySent(Engine engine) {
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
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

    @ParameterizedTest
    @MethodSource("engines")
    void migrationKeepsADayTheOldIdWasSentOverTheNewIdsClaim(Engine engine) {
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
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

    @ParameterizedTest
    @MethodSource("engines")
    void aSummaryIsFoundOnlyUnderItsVersionAndANewVersionReplacesIt(Engine engine) {
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
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

    @ParameterizedTest
    @MethodSource("engines")
    void anUpdateIsRecordedOnceAndResumedUntilDone(Engine engine) {
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
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
            assertEquals(2, store.backlog());
            assertTrue(store.receive(List.of(new ReceivedUpdate(2, "{b}")), T0).isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void repliesAndTheirUpdatesCompletionAreOneStepAndSurviveAReopen(Engine engine) {
        Database db = databases.create(engine);
        // given an update and its two replies queued with it
        try (JdbcStore store = JdbcStore.open(db)) {
            store.receive(List.of(new ReceivedUpdate(7, "{q}")), T0);
            List<QueuedMessage> queued = store.queue(List.of(
                    new QueuedMessage.Draft(77, "part 1", 7, T0.plus(Duration.ofHours(1)), false),
                    new QueuedMessage.Draft(77, "part 2", 7, T0.plus(Duration.ofHours(1)), false)), OptionalLong.of(7), T0);
            assertEquals(2, queued.size());
            assertTrue(queued.get(0).id() < queued.get(1).id());
            assertTrue(store.unfinished().isEmpty());
            store.remove(queued.get(0).id());
        }
        // when the store is opened again
        try (JdbcStore store = JdbcStore.open(db)) {
            // then the reply not yet sent is still queued, with its deadline
            List<QueuedMessage> left = store.queued();
            assertEquals(1, left.size());
            assertEquals("part 2", left.get(0).message());
            assertEquals(T0.plus(Duration.ofHours(1)), left.get(0).deadline());
            assertEquals(7, left.get(0).updateId());
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void doneUpdatesAreForgottenAfterAWhileButUnfinishedOnesAreKept(Engine engine) {
        Database db = databases.create(engine);
        try (JdbcStore store = JdbcStore.open(db)) {
            store.receive(List.of(new ReceivedUpdate(1, "{a}"), new ReceivedUpdate(2, "{b}")), T0);
            store.done(1, T0);
            assertEquals(1, store.forgetDone(T0.plusSeconds(1)));
            assertEquals(List.of(2L), store.unfinished().stream().map(ReceivedUpdate::updateId).toList());
        }
    }

    // --- chat leases

    @ParameterizedTest
    @MethodSource("engines")
    void aChatsLeaseIsHeldByOneInstanceUntilReleasedOrExpired(Engine engine) {
        Database db = databases.create(engine);
        Duration lease = Duration.ofSeconds(30);
        try (JdbcStore store = JdbcStore.open(db)) {
            // given instance a holds chat 42's lease
            assertTrue(store.claimChat(42, "a", T0, lease));
            // then b cannot take it while it runs, a can renew it, and another chat is free for b
            assertFalse(store.claimChat(42, "b", T0.plusSeconds(29), lease));
            assertTrue(store.claimChat(42, "a", T0.plusSeconds(10), lease));
            assertFalse(store.claimChat(42, "b", T0.plusSeconds(39), lease), "a renewed it to T0 + 40 s");
            assertTrue(store.claimChat(43, "b", T0, lease));
            // when a renews all its leases, b still cannot take 42 within the new term
            assertEquals(1, store.renewChats("a", T0.plusSeconds(30), lease));
            assertFalse(store.claimChat(42, "b", T0.plusSeconds(59), lease));
            // and once a's lease has expired (a died), b takes it over, and a's release no longer touches it
            assertTrue(store.claimChat(42, "b", T0.plusSeconds(60), lease));
            store.releaseChat(42, "a");
            assertFalse(store.claimChat(42, "a", T0.plusSeconds(61), lease), "b's lease survived a's late release");
            // and a release by its holder frees it at once
            store.releaseChat(42, "b");
            assertTrue(store.claimChat(42, "a", T0.plusSeconds(61), lease));
            assertEquals(1, store.releaseChats("b"), "b held 43");
            assertTrue(store.claimChat(43, "a", T0.plusSeconds(61), lease));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void ofManyInstancesClaimingOneChatAtOnceExactlyOneWins(Engine engine) throws Exception {
        Database db = databases.create(engine);
        int instances = 6;
        List<JdbcStore> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            for (int i = 0; i < instances; i++) {
                stores.add(JdbcStore.open(db));
            }
            for (int round = 0; round < 20; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    JdbcStore store = stores.get(i);
                    String holder = "instance-" + i;
                    long chat = 500 + round;
                    claims.add(pool.submit(() -> {
                        start.await();
                        return store.claimChat(chat, holder, T0, LEASE);
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get() ? 1 : 0;
                }
                assertEquals(1, won, "round " + round);
            }
        } finally {
            pool.shutdownNow();
            stores.forEach(JdbcStore::close);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void chatsWithUnfinishedUpdatesOrQueuedRepliesWaitForAHolderUntilOneHoldsThem(Engine engine) {
        Database db = databases.create(engine);
        Duration lease = Duration.ofSeconds(30);
        try (JdbcStore store = JdbcStore.open(db)) {
            // given chat 7 with two updates, chat 8 with one done, chat 9 with a reply queued, chat 10 with both
            store.receive(List.of(new ReceivedUpdate(3, 7, "{c}"), new ReceivedUpdate(1, 7, "{a}"),
                    new ReceivedUpdate(2, 8, "{b}"), new ReceivedUpdate(4, 10, "{d}")), T0);
            store.done(2, T0);
            store.queue(List.of(new QueuedMessage.Draft(9, "left", 0, T0.plusSeconds(3600), false),
                    new QueuedMessage.Draft(10, "earlier", 0, T0.plusSeconds(3600), false)), OptionalLong.empty(), T0);
            // then each chat's unfinished updates come in update order, and its queued replies by chat
            assertEquals(List.of(1L, 3L), store.unfinished(7).stream().map(ReceivedUpdate::updateId).toList());
            assertEquals(7, store.unfinished(7).get(0).chatId());
            assertTrue(store.unfinished(8).isEmpty());
            assertEquals(List.of("left"), store.queued(9).stream().map(QueuedMessage::message).toList());
            // and chats 7, 9 and 10 wait for a holder
            assertEquals(List.of(7L, 9L, 10L), store.chatsWaiting("a", T0));
            // when b holds chat 7 and a holds chat 10
            store.claimChat(7, "b", T0, lease);
            store.claimChat(10, "a", T0, lease);
            // then a may take 9 and its own 10, not b's 7, until b's lease expires
            assertEquals(List.of(9L, 10L), store.chatsWaiting("a", T0.plusSeconds(29)));
            assertEquals(List.of(7L, 9L, 10L), store.chatsWaiting("a", T0.plusSeconds(30)));
            assertEquals(List.of(7L, 9L), store.chatsWaiting("b", T0.plusSeconds(29)));
        }
    }
}
