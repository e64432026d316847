package dev.briefing.bot.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The embedded store: one SQLite file, {@value #FILE}, under the data folder. Opening it migrates the schema.
 *
 * <p>One connection per instance, used under this object's lock: SQLite serializes writers anyway, and a
 * single connection keeps each claim a plain atomic statement. Several instances (or processes) may share the
 * file: write-ahead logging, a busy timeout and immediate transactions make them queue rather than fail.
 */
public final class SqliteStore implements SubscriptionStore, DigestLog, SummaryStore, UpdateLog, OutboxLog, AutoCloseable {

    /** The database file's name under the data folder. */
    public static final String FILE = "briefing.db";
    /** How long a writer waits for another to finish before giving up. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    private final Connection connection;
    private final Path file;
    private final DataMarker marker;
    /** Whether the marker already says the database holds data; until then each subscription updates it. */
    private boolean markedHeld;

    private SqliteStore(Connection connection, Path file, DataMarker marker) {
        this.connection = connection;
        this.file = file;
        this.marker = marker;
    }

    /** Opens (creating when missing) {@code data/briefing.db} and migrates it to the latest schema. */
    public static SqliteStore open(Path data) {
        return open(data, Migrations.latest());
    }

    static SqliteStore open(Path data, int schemaVersion) {
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + data.toAbsolutePath(), e);
        }
        Path file = data.resolve(FILE);
        DataMarker marker = new DataMarker(data);
        Optional<DataMarker.Held> held = marker.read().filter(DataMarker.Held::any);
        // Checked before SQLite touches the file: it would take an empty file for a new database.
        if (held.isPresent() && sizeOf(file) == 0) {
            throw refuse(file, marker, (Files.exists(file) ? "is empty (0 bytes)" : "is missing")
                    + ", but the last run left it holding " + held.get() + " (" + marker.file().getFileName() + ")", null);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        // Immediate transactions take the write lock up front, so two writers queue instead of deadlocking.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = null;
        try {
            c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            String check = quickCheck(c);
            if (!check.equals("ok")) {
                throw refuse(file, marker, "is damaged (" + check + ")", null);
            }
            if (held.isPresent() && tableCount(c) == 0) {
                throw refuse(file, marker, "holds no tables, but the last run left it holding " + held.get()
                        + " (" + marker.file().getFileName() + ")", null);
            }
            Migrations.migrate(c, schemaVersion);
            SqliteStore store = new SqliteStore(c, file, marker);
            store.updateMarker();
            return store;
        } catch (SQLException e) {
            closeQuietly(c);
            if (isDamage(e)) {
                throw refuse(file, marker, "is damaged (" + e.getMessage() + ")", e);
            }
            throw new IllegalStateException("cannot open the database " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file.toAbsolutePath(), e);
        }
    }

    /** SQLite's own consistency check, short of the index cross-checks: "ok", or the first problem found. */
    private static String quickCheck(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA quick_check(1)")) {
            return r.next() ? r.getString(1) : "no answer to quick_check";
        }
    }

    private static int tableCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), and their extended codes. */
    private static boolean isDamage(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 11 || primary == 26;
    }

    /** Copies what there is of the database aside and builds the exception that stops start-up. */
    private static DamagedStoreException refuse(Path file, DataMarker marker, String what, Throwable cause) {
        Path backup = null;
        String copied;
        try {
            backup = backUp(file);
            copied = backup == null ? "there was no file to copy" : "a copy is at " + backup.toAbsolutePath();
        } catch (IOException e) {
            copied = "copying it aside failed too (" + e.getMessage() + ")";
        }
        return new DamagedStoreException("the database " + file.toAbsolutePath() + " " + what + "; " + copied
                + ". Restore " + file.getFileName() + " from a backup, or delete it and " + marker.file().getFileName()
                + " to start with an empty database.", backup, cause);
    }

    /**
     * Copies the database and its write-ahead log (which may hold the last transactions) into a new folder
     * {@code briefing.db.backup-N} beside it; null when there is no file.
     */
    private static Path backUp(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Path folder;
        int n = 1;
        while (Files.exists(folder = file.resolveSibling(FILE + ".backup-" + n))) {
            n++;
        }
        Files.createDirectory(folder);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path part = file.resolveSibling(FILE + suffix);
            if (Files.exists(part)) {
                Files.copy(part, folder.resolve(part.getFileName()));
            }
        }
        return folder;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the open failed already; that failure is the one to report
            }
        }
    }

    /** Records in the marker what the database holds now, once it holds or has held user data. */
    private void updateMarker() {
        DataMarker.Held now = query(() -> new DataMarker.Held(count("subscription"), count("digest")));
        if (now.any() || marker.read().isPresent()) {
            marker.write(now);
            markedHeld = now.any();
        }
    }

    private long count(String table) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** The schema version the file is at. */
    public synchronized int schemaVersion() {
        return query(() -> Migrations.version(connection));
    }

    public Path file() {
        return file;
    }

    // --- subscriptions

    @Override
    public synchronized void subscribe(Subscription s) {
        update("""
                INSERT INTO subscription (chat_id, send_at, zone, since, last_article_day, last_digest_date)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (chat_id) DO UPDATE SET send_at = excluded.send_at, zone = excluded.zone, since = excluded.since""",
                s.chatId(), s.sendAt().toString(), s.zone().getId(), s.since().toEpochMilli(), text(s.lastArticleDay()),
                text(s.lastDigestDate()));
        if (!markedHeld) {
            updateMarker();
        }
    }

    @Override
    public synchronized boolean unsubscribe(long chatId) {
        return update("DELETE FROM subscription WHERE chat_id = ?", chatId) > 0;
    }

    @Override
    public synchronized Optional<Subscription> subscription(long chatId) {
        List<Subscription> found = subscriptions("WHERE chat_id = ?", chatId);
        return found.stream().findFirst();
    }

    @Override
    public synchronized List<Subscription> subscriptions() {
        return subscriptions("ORDER BY chat_id");
    }

    @Override
    public synchronized void move(long fromChatId, long toChatId) {
        transaction(() -> {
            // The old group's order wins, but it keeps the later of the two histories, so a day already sent
            // under either id is not due again.
            update("""
                    UPDATE subscription SET
                        last_digest_date = (SELECT MAX(last_digest_date) FROM subscription WHERE chat_id IN (?, ?)),
                        last_article_day = (SELECT MAX(last_article_day) FROM subscription WHERE chat_id IN (?, ?))
                    WHERE chat_id = ?""", fromChatId, toChatId, fromChatId, toChatId, fromChatId);
            update("DELETE FROM subscription WHERE chat_id = ? AND EXISTS (SELECT 1 FROM subscription WHERE chat_id = ?)",
                    toChatId, fromChatId);
            update("UPDATE subscription SET chat_id = ? WHERE chat_id = ?", toChatId, fromChatId);
            // Where both ids have a row for a day, a SENT row wins; otherwise the new id's row stays, so a day
            // sent (or being sent) under the new id is never replaced by the old id's claim or failure.
            update("""
                    DELETE FROM digest WHERE chat_id = ? AND state <> 'SENT'
                    AND local_date IN (SELECT local_date FROM digest WHERE chat_id = ? AND state = 'SENT')""",
                    toChatId, fromChatId);
            update("DELETE FROM digest WHERE chat_id = ? AND local_date IN (SELECT local_date FROM digest WHERE chat_id = ?)",
                    fromChatId, toChatId);
            update("UPDATE digest SET chat_id = ? WHERE chat_id = ?", toChatId, fromChatId);
            return null;
        });
    }

    private List<Subscription> subscriptions(String where, Object... args) {
        return query(() -> {
            try (PreparedStatement ps = prepare("SELECT chat_id, send_at, zone, since, last_article_day, last_digest_date FROM subscription "
                    + where, args); ResultSet r = ps.executeQuery()) {
                List<Subscription> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new Subscription(r.getLong(1), LocalTime.parse(r.getString(2)), ZoneId.of(r.getString(3)),
                            Instant.ofEpochMilli(r.getLong(4)), date(r.getString(5)), date(r.getString(6))));
                }
                return out;
            }
        });
    }

    // --- digests

    @Override
    public synchronized boolean claim(long chatId, LocalDate localDate, String token, Instant now, Duration lease,
                                      int maxAttempts) {
        return update("""
                INSERT INTO digest (chat_id, local_date, state, attempts, claimed_at, claim_token) VALUES (?, ?, 'CLAIMED', 1, ?, ?)
                ON CONFLICT (chat_id, local_date) DO UPDATE
                SET state = 'CLAIMED', attempts = digest.attempts + 1, claimed_at = excluded.claimed_at,
                    claim_token = excluded.claim_token, next_attempt_at = NULL
                WHERE (digest.state = 'CLAIMED' AND digest.claimed_at <= ?)
                   OR (digest.state = 'FAILED' AND digest.attempts < ? AND COALESCE(digest.next_attempt_at, 0) <= ?)""",
                chatId, localDate.toString(), now.toEpochMilli(), token, now.minus(lease).toEpochMilli(), maxAttempts,
                now.toEpochMilli()) == 1;
    }

    @Override
    public synchronized boolean renew(long chatId, LocalDate localDate, String token, Instant now) {
        return update("""
                UPDATE digest SET claimed_at = ?
                WHERE chat_id = ? AND local_date = ? AND state = 'CLAIMED' AND claim_token = ?""",
                now.toEpochMilli(), chatId, localDate.toString(), token) == 1;
    }

    @Override
    public synchronized boolean markSent(long chatId, LocalDate localDate, String token, LocalDate articleDay,
                                         Instant now) {
        return transaction(() -> {
            int held = update("""
                    UPDATE digest SET state = 'SENT', sent_at = ?, article_day = ?
                    WHERE chat_id = ? AND local_date = ? AND state = 'CLAIMED' AND claim_token = ?""",
                    now.toEpochMilli(), text(articleDay), chatId, localDate.toString(), token);
            if (held == 0) {
                return false;
            }
            update("""
                    UPDATE subscription SET last_digest_date = ?, last_article_day = COALESCE(?, last_article_day)
                    WHERE chat_id = ?""", localDate.toString(), text(articleDay), chatId);
            return true;
        });
    }

    @Override
    public synchronized void markFailed(long chatId, LocalDate localDate, String token, Instant retryAt) {
        update("""
                UPDATE digest SET state = 'FAILED', next_attempt_at = ?
                WHERE chat_id = ? AND local_date = ? AND state = 'CLAIMED' AND claim_token = ?""",
                retryAt.toEpochMilli(), chatId, localDate.toString(), token);
    }

    @Override
    public synchronized void release(long chatId, LocalDate localDate, String token) {
        transaction(() -> {
            // A first claim leaves no row behind; a later one goes back to FAILED with its earlier attempts.
            update("""
                    DELETE FROM digest
                    WHERE chat_id = ? AND local_date = ? AND state = 'CLAIMED' AND claim_token = ? AND attempts = 1""",
                    chatId, localDate.toString(), token);
            update("""
                    UPDATE digest SET state = 'FAILED', attempts = attempts - 1, next_attempt_at = NULL
                    WHERE chat_id = ? AND local_date = ? AND state = 'CLAIMED' AND claim_token = ?""",
                    chatId, localDate.toString(), token);
            return null;
        });
    }

    @Override
    public synchronized void abandon(long chatId, LocalDate localDate) {
        update("UPDATE digest SET state = 'ABANDONED' WHERE chat_id = ? AND local_date = ?", chatId, localDate.toString());
    }

    @Override
    public synchronized Optional<DigestRecord> digest(long chatId, LocalDate localDate) {
        return query(() -> {
            try (PreparedStatement ps = prepare("""
                    SELECT state, attempts, claimed_at, sent_at, article_day, next_attempt_at
                    FROM digest WHERE chat_id = ? AND local_date = ?""",
                    chatId, localDate.toString()); ResultSet r = ps.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DigestRecord(chatId, localDate, DigestState.valueOf(r.getString(1)), r.getInt(2),
                        Instant.ofEpochMilli(r.getLong(3)), instant(r, 4), date(r.getString(5)), instant(r, 6)));
            }
        });
    }

    // --- summaries

    @Override
    public synchronized Optional<String> summary(LocalDate day, String version) {
        return query(() -> {
            try (PreparedStatement ps = prepare("SELECT document FROM summary WHERE day = ? AND version = ?", day.toString(), version);
                 ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        });
    }

    @Override
    public synchronized void saveSummary(LocalDate day, String version, String document, Instant now) {
        update("""
                INSERT INTO summary (day, version, document, computed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (day) DO UPDATE SET version = excluded.version, document = excluded.document,
                computed_at = excluded.computed_at""", day.toString(), version, document, now.toEpochMilli());
    }

    // --- inbox

    @Override
    public synchronized Set<Long> receive(List<ReceivedUpdate> updates, Instant now) {
        return transaction(() -> {
            Set<Long> fresh = new LinkedHashSet<>();
            for (ReceivedUpdate u : updates) {
                if (update("INSERT OR IGNORE INTO inbox (update_id, payload, received_at) VALUES (?, ?, ?)",
                        u.updateId(), u.payload(), now.toEpochMilli()) == 1) {
                    fresh.add(u.updateId());
                }
            }
            return fresh;
        });
    }

    @Override
    public synchronized void done(long updateId, Instant now) {
        update("UPDATE inbox SET done_at = ? WHERE update_id = ? AND done_at IS NULL", now.toEpochMilli(), updateId);
    }

    @Override
    public synchronized List<ReceivedUpdate> unfinished() {
        return query(() -> {
            try (PreparedStatement ps = prepare("SELECT update_id, payload FROM inbox WHERE done_at IS NULL ORDER BY update_id");
                 ResultSet r = ps.executeQuery()) {
                List<ReceivedUpdate> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new ReceivedUpdate(r.getLong(1), r.getString(2)));
                }
                return out;
            }
        });
    }

    @Override
    public synchronized int forgetDone(Instant before) {
        return update("DELETE FROM inbox WHERE done_at IS NOT NULL AND received_at < ?", before.toEpochMilli());
    }

    // --- outbox

    @Override
    public synchronized List<QueuedMessage> queue(List<QueuedMessage.Draft> messages, OptionalLong updateId, Instant now) {
        return transaction(() -> {
            List<QueuedMessage> out = new ArrayList<>();
            for (QueuedMessage.Draft d : messages) {
                Instant deadline = d.deadline().isBefore(now) ? now : d.deadline();
                try (PreparedStatement ps = prepare("""
                        INSERT INTO outbox (chat_id, message, update_id, queued_at, deadline, notice)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", d.chatId(), d.message(), d.updateId(),
                        now.toEpochMilli(), deadline.toEpochMilli(), d.notice() ? 1 : 0);
                     ResultSet r = ps.executeQuery()) {
                    r.next();
                    out.add(new QueuedMessage(r.getLong(1), d.chatId(), d.message(), d.updateId(), now, deadline, d.notice()));
                }
            }
            if (updateId.isPresent()) {
                update("UPDATE inbox SET done_at = ? WHERE update_id = ? AND done_at IS NULL", now.toEpochMilli(),
                        updateId.getAsLong());
            }
            return out;
        });
    }

    @Override
    public synchronized void remove(long id) {
        update("DELETE FROM outbox WHERE id = ?", id);
    }

    @Override
    public synchronized List<QueuedMessage> queued() {
        return query(() -> {
            try (PreparedStatement ps = prepare(
                    "SELECT id, chat_id, message, update_id, queued_at, deadline, notice FROM outbox ORDER BY id");
                 ResultSet r = ps.executeQuery()) {
                List<QueuedMessage> out = new ArrayList<>();
                while (r.next()) {
                    Instant queuedAt = Instant.ofEpochMilli(r.getLong(5));
                    Instant deadline = Instant.ofEpochMilli(r.getLong(6));
                    out.add(new QueuedMessage(r.getLong(1), r.getLong(2), r.getString(3), r.getLong(4), queuedAt,
                            deadline.isBefore(queuedAt) ? queuedAt : deadline, r.getInt(7) == 1));
                }
                return out;
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            if (!connection.isClosed()) {
                updateMarker();
            }
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the database " + file + ": " + e.getMessage(), e);
        }
    }

    // --- plumbing

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("database " + file + ": " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        return query(() -> {
            try (PreparedStatement ps = prepare(sql, args)) {
                return ps.executeUpdate();
            }
        });
    }

    private <T> T transaction(Work<T> work) {
        return query(() -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private static String text(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s);
    }
}
