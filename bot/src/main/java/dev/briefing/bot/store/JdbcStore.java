package dev.briefing.bot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The store, on either engine ({@link Database}): the embedded SQLite file {@value #FILE} under the data folder, or
 * a PostgreSQL server shared by several instances. One implementation, one set of SQL; the few differences are in
 * {@link Dialect}. Opening it migrates the schema ({@link Schema}, Flyway).
 *
 * <p>SQLite: one connection, used under this object's lock; SQLite serializes writers anyway. Several instances (or
 * processes) may share the file: write-ahead logging, a busy timeout and immediate transactions make them queue
 * rather than fail. PostgreSQL: a HikariCP pool, each call on a connection of its own, every call with a deadline
 * ({@link Database.Postgres.Pool}). In both, each claim or limit check is one atomic statement or one transaction
 * holding the rows it decides on, so instances sharing the database cannot both win.
 */
public final class JdbcStore implements SubscriptionStore, DigestLog, SummaryStore, UpdateLog, OutboxLog, ChatMemory,
        ChatLeases, AutoCloseable {

    /** The SQLite database file's name under the data folder. */
    public static final String FILE = "briefing.db";
    /** How long an SQLite writer waits for another to finish before giving up. */
    static final int BUSY_TIMEOUT_MS = 10_000;
    /** Keeps two stores of this JVM from migrating one SQLite file at once (the file lock is per process). */
    private static final Object MIGRATING = new Object();

    private final Connections connections;
    private final Dialect dialect;
    private final Database database;
    /** Null for PostgreSQL: the marker guards a local file against loss. */
    private final DataMarker marker;
    /** Whether the marker already says the database holds data; until then each subscription updates it. */
    private volatile boolean markedHeld;

    private JdbcStore(Connections connections, Dialect dialect, Database database, DataMarker marker) {
        this.connections = connections;
        this.dialect = dialect;
        this.database = database;
        this.marker = marker;
    }

    /** Opens (creating when missing) {@code data/briefing.db} and migrates it to the latest schema. */
    public static JdbcStore open(Path data) {
        return open(Database.sqlite(data));
    }

    /** Opens the database, migrating it to the latest schema. */
    public static JdbcStore open(Database database) {
        return open(database, OptionalInt.empty());
    }

    static JdbcStore open(Database database, OptionalInt schemaVersion) {
        if (database instanceof Database.Sqlite sqlite) {
            return openSqlite(sqlite.data(), schemaVersion);
        }
        return openPostgres((Database.Postgres) database, schemaVersion);
    }

    private static JdbcStore openPostgres(Database.Postgres db, OptionalInt schemaVersion) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("briefing-store");
        config.setJdbcUrl(db.url());
        if (db.user() != null) {
            config.setUsername(db.user());
        }
        if (db.password() != null) {
            config.setPassword(db.password());
        }
        Database.Postgres.Pool pool = db.pool();
        config.setMaximumPoolSize(pool.maxSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(pool.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(pool.connectionTimeout().toMillis(), 2_000));
        // The driver's own deadlines (seconds): opening a connection, logging in, and any read from the socket.
        long connectSeconds = Math.max(1, pool.connectionTimeout().toSeconds());
        config.addDataSourceProperty("connectTimeout", connectSeconds);
        config.addDataSourceProperty("loginTimeout", connectSeconds);
        config.addDataSourceProperty("socketTimeout", Math.max(1, pool.socketTimeout().toSeconds()));
        config.addDataSourceProperty("tcpKeepAlive", true);
        // The server ends a statement past its deadline, and a session a crashed client left inside a transaction.
        config.addDataSourceProperty("options", "-c statement_timeout=" + pool.statementTimeout().toMillis()
                + " -c idle_in_transaction_session_timeout=60000");
        HikariDataSource source;
        try {
            source = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to the database " + db.describe() + ": "
                    + db.redact(rootMessage(e)), null);
        }
        try {
            Schema.migrate(source, Dialect.POSTGRESQL, schemaVersion);
            return new JdbcStore(new Pooled(source), Dialect.POSTGRESQL, db, null);
        } catch (SQLException | RuntimeException e) {
            source.close();
            if (e instanceof Schema.NewerSchemaException refused) {
                throw refused;
            }
            throw new IllegalStateException("cannot open the database " + db.describe() + ": " + db.redact(rootMessage(e)), null);
        }
    }

    private static JdbcStore openSqlite(Path data, OptionalInt schemaVersion) {
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
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Connection c = null;
        try {
            c = source.getConnection();
            String check = quickCheck(c);
            if (!check.equals("ok")) {
                throw refuse(file, marker, "is damaged (" + check + ")", null);
            }
            if (held.isPresent() && tableCount(c) == 0) {
                throw refuse(file, marker, "holds no tables, but the last run left it holding " + held.get()
                        + " (" + marker.file().getFileName() + ")", null);
            }
            migrateSqlite(source, data, schemaVersion);
            JdbcStore store = new JdbcStore(new Single(c), Dialect.SQLITE, Database.sqlite(data), marker);
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

    /**
     * Migrates under a lock on {@code briefing.db.lock}, held only meanwhile: Flyway takes no lock of its own on
     * SQLite, and two processes starting on a new file at once must not both create its tables.
     */
    private static void migrateSqlite(SQLiteDataSource source, Path data, OptionalInt target) throws SQLException {
        synchronized (MIGRATING) {
            try (FileChannel lockFile = FileChannel.open(data.resolve(FILE + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                Schema.migrate(source, Dialect.SQLITE, target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + data.resolve(FILE + ".lock") + " to migrate the database", e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
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

    /** Records in the marker what the database holds now, once it holds or has held user data (SQLite only). */
    private void updateMarker() {
        if (marker == null) {
            return;
        }
        DataMarker.Held now = query(() -> new DataMarker.Held(count("subscription"), count("digest")));
        if (now.any() || marker.read().isPresent()) {
            marker.write(now);
            markedHeld = now.any();
        }
    }

    private long count(String table) throws SQLException {
        try (Statement s = connection().createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /**
     * The schema version the database is at, read from Flyway's history. A query each time, so it also tells whether
     * the database answers (a health check may call it).
     *
     * @throws IllegalStateException when the database does not answer (the message never holds a password)
     */
    public int schemaVersion() {
        String version = text("""
                SELECT version FROM flyway_schema_history WHERE success = ? AND version IS NOT NULL
                ORDER BY installed_rank DESC LIMIT 1""", true).orElse("0");
        return Integer.parseInt(version.split("\\.")[0]);
    }

    /** Where the store lives. */
    public Database database() {
        return database;
    }

    /** A PostgreSQL setting as a session of this store sees it ({@code SHOW name}); for tests and diagnostics. */
    String serverSetting(String name) {
        if (dialect != Dialect.POSTGRESQL || !name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("illegal setting: " + name + ", must be a PostgreSQL setting's name");
        }
        return text("SHOW " + name).orElseThrow();
    }

    // --- subscriptions

    @Override
    public void subscribe(Subscription s) {
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
    public boolean unsubscribe(long chatId) {
        return update("DELETE FROM subscription WHERE chat_id = ?", chatId) > 0;
    }

    @Override
    public Optional<Subscription> subscription(long chatId) {
        List<Subscription> found = subscriptions("WHERE chat_id = ?", chatId);
        return found.stream().findFirst();
    }

    @Override
    public List<Subscription> subscriptions() {
        return subscriptions("ORDER BY chat_id");
    }

    @Override
    public void move(long fromChatId, long toChatId) {
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
    public boolean claim(long chatId, LocalDate localDate, String token, Instant now, Duration lease,
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
    public boolean renew(long chatId, LocalDate localDate, String token, Instant now) {
        return update("""
                UPDATE digest SET claimed_at = ?
                WHERE chat_id = ? AND local_date = ? AND state = 'CLAIMED' AND claim_token = ?""",
                now.toEpochMilli(), chatId, localDate.toString(), token) == 1;
    }

    @Override
    public boolean markSent(long chatId, LocalDate localDate, String token, LocalDate articleDay,
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
    public void markFailed(long chatId, LocalDate localDate, String token, Instant retryAt) {
        update("""
                UPDATE digest SET state = 'FAILED', next_attempt_at = ?
                WHERE chat_id = ? AND local_date = ? AND state = 'CLAIMED' AND claim_token = ?""",
                retryAt.toEpochMilli(), chatId, localDate.toString(), token);
    }

    @Override
    public void release(long chatId, LocalDate localDate, String token) {
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
    public void abandon(long chatId, LocalDate localDate) {
        update("UPDATE digest SET state = 'ABANDONED' WHERE chat_id = ? AND local_date = ?", chatId, localDate.toString());
    }

    @Override
    public Optional<DigestRecord> digest(long chatId, LocalDate localDate) {
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
    public Optional<String> summary(LocalDate day, String version) {
        return query(() -> {
            try (PreparedStatement ps = prepare("SELECT document FROM summary WHERE day = ? AND version = ?", day.toString(), version);
                 ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        });
    }

    @Override
    public void saveSummary(LocalDate day, String version, String document, Instant now) {
        update("""
                INSERT INTO summary (day, version, document, computed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (day) DO UPDATE SET version = excluded.version, document = excluded.document,
                computed_at = excluded.computed_at""", day.toString(), version, document, now.toEpochMilli());
    }

    // --- inbox

    @Override
    public Set<Long> receive(List<ReceivedUpdate> updates, Instant now) {
        return transaction(() -> {
            Set<Long> fresh = new LinkedHashSet<>();
            for (ReceivedUpdate u : updates) {
                if (update("""
                        INSERT INTO inbox (update_id, chat_id, payload, received_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (update_id) DO NOTHING""", u.updateId(), u.chatId(), u.payload(), now.toEpochMilli()) == 1) {
                    fresh.add(u.updateId());
                }
            }
            return fresh;
        });
    }

    @Override
    public void done(long updateId, Instant now) {
        update("UPDATE inbox SET done_at = ? WHERE update_id = ? AND done_at IS NULL", now.toEpochMilli(), updateId);
    }

    @Override
    public List<ReceivedUpdate> unfinished() {
        return updates("SELECT update_id, chat_id, payload FROM inbox WHERE done_at IS NULL ORDER BY update_id");
    }

    @Override
    public int backlog() {
        return query(() -> {
            try (PreparedStatement ps = prepare("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL");
                 ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        });
    }

    @Override
    public List<ReceivedUpdate> unfinished(long chatId) {
        return updates("SELECT update_id, chat_id, payload FROM inbox WHERE done_at IS NULL AND chat_id = ? ORDER BY update_id",
                chatId);
    }

    private List<ReceivedUpdate> updates(String sql, Object... args) {
        return query(() -> {
            try (PreparedStatement ps = prepare(sql, args); ResultSet r = ps.executeQuery()) {
                List<ReceivedUpdate> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new ReceivedUpdate(r.getLong(1), r.getLong(2), r.getString(3)));
                }
                return out;
            }
        });
    }

    @Override
    public int forgetDone(Instant before) {
        return update("DELETE FROM inbox WHERE done_at IS NOT NULL AND received_at < ?", before.toEpochMilli());
    }

    // --- outbox

    @Override
    public List<QueuedMessage> queue(List<QueuedMessage.Draft> messages, OptionalLong updateId, Instant now) {
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
    public void remove(long id) {
        update("DELETE FROM outbox WHERE id = ?", id);
    }

    @Override
    public List<QueuedMessage> queued() {
        return messages("SELECT id, chat_id, message, update_id, queued_at, deadline, notice FROM outbox ORDER BY id");
    }

    @Override
    public List<QueuedMessage> queued(long chatId) {
        return messages("""
                SELECT id, chat_id, message, update_id, queued_at, deadline, notice FROM outbox WHERE chat_id = ?
                ORDER BY id""", chatId);
    }

    private List<QueuedMessage> messages(String sql, Object... args) {
        return query(() -> {
            try (PreparedStatement ps = prepare(sql, args); ResultSet r = ps.executeQuery()) {
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

    // --- chat leases

    /**
     * One statement: on PostgreSQL the conflicting row is locked and the WHERE re-checked on its newest version, so of
     * two instances claiming a free or expired lease at once exactly one wins; SQLite serializes the writers.
     */
    @Override
    public boolean claimChat(long chatId, String holder, Instant now, Duration lease) {
        return update("""
                INSERT INTO chat_lease (chat_id, holder, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (chat_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE chat_lease.expires_at <= ? OR chat_lease.holder = excluded.holder""",
                chatId, holder, now.plus(lease).toEpochMilli(), now.toEpochMilli()) == 1;
    }

    @Override
    public int renewChats(String holder, Instant now, Duration lease) {
        return update("UPDATE chat_lease SET expires_at = ? WHERE holder = ?", now.plus(lease).toEpochMilli(), holder);
    }

    @Override
    public void releaseChat(long chatId, String holder) {
        update("DELETE FROM chat_lease WHERE chat_id = ? AND holder = ?", chatId, holder);
    }

    @Override
    public int releaseChats(String holder) {
        return update("DELETE FROM chat_lease WHERE holder = ?", holder);
    }

    @Override
    public List<Long> chatsWaiting(String holder, Instant now) {
        String taken = "SELECT 1 FROM chat_lease l WHERE l.chat_id = %s.chat_id AND l.expires_at > ? AND l.holder <> ?";
        return query(() -> {
            try (PreparedStatement ps = prepare("SELECT chat_id FROM inbox WHERE done_at IS NULL AND NOT EXISTS ("
                            + taken.formatted("inbox") + ") UNION SELECT chat_id FROM outbox WHERE NOT EXISTS ("
                            + taken.formatted("outbox") + ") ORDER BY chat_id",
                    now.toEpochMilli(), holder, now.toEpochMilli(), holder);
                 ResultSet r = ps.executeQuery()) {
                List<Long> out = new ArrayList<>();
                while (r.next()) {
                    out.add(r.getLong(1));
                }
                return out;
            }
        });
    }

    // --- chat memory

    @Override
    public Optional<String> conversation(String key, Instant now) {
        return text("SELECT turns FROM conversation WHERE conversation_key = ? AND expires_at > ?", key, now.toEpochMilli());
    }

    @Override
    public void saveConversation(String key, String turns, Instant expiresAt) {
        update("""
                INSERT INTO conversation (conversation_key, turns, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (conversation_key) DO UPDATE SET turns = excluded.turns, expires_at = excluded.expires_at""",
                key, turns, expiresAt.toEpochMilli());
    }

    @Override
    public void forgetConversation(String key) {
        update("DELETE FROM conversation WHERE conversation_key = ?", key);
    }

    @Override
    public void saveThread(long chatId, long messageId, String key, Instant expiresAt) {
        update("""
                INSERT INTO answer_thread (chat_id, message_id, conversation_key, expires_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (chat_id, message_id) DO UPDATE SET conversation_key = excluded.conversation_key,
                expires_at = excluded.expires_at""", chatId, messageId, key, expiresAt.toEpochMilli());
    }

    @Override
    public Optional<String> thread(long chatId, long messageId, Instant now) {
        return text("SELECT conversation_key FROM answer_thread WHERE chat_id = ? AND message_id = ? AND expires_at > ?",
                chatId, messageId, now.toEpochMilli());
    }

    @Override
    public void saveSources(String key, long chatId, String citations, Instant expiresAt) {
        update("INSERT INTO sources_button (button_key, chat_id, citations, expires_at) VALUES (?, ?, ?, ?)",
                key, chatId, citations, expiresAt.toEpochMilli());
    }

    @Override
    public void sourcesSentAs(String key, long messageId) {
        update("UPDATE sources_button SET message_id = ? WHERE button_key = ?", messageId, key);
    }

    @Override
    public Optional<Sources> sources(String key, Instant now, Instant expiresAt) {
        return transaction(() -> {
            if (update("UPDATE sources_button SET expires_at = ? WHERE button_key = ? AND expires_at > ?",
                    expiresAt.toEpochMilli(), key, now.toEpochMilli()) == 0) {
                return Optional.empty();
            }
            try (PreparedStatement ps = prepare("SELECT chat_id, message_id, citations FROM sources_button WHERE button_key = ?", key);
                 ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(new Sources(r.getLong(1), r.getLong(2), r.getString(3))) : Optional.empty();
            }
        });
    }

    @Override
    public boolean tryAcquireQuestion(long userId, int limit, Duration window, Instant now) {
        long at = now.toEpochMilli();
        long windowStart = now.minus(window).toEpochMilli();
        return transaction(() -> {
            // The row exists before it is locked, so two instances asking for a new user queue on one row.
            update("INSERT INTO question_limit (user_id, asked, expires_at) VALUES (?, '', 0) ON CONFLICT (user_id) DO NOTHING",
                    userId);
            String asked;
            try (PreparedStatement ps = prepare("SELECT asked FROM question_limit WHERE user_id = ?" + dialect.forUpdate(), userId);
                 ResultSet r = ps.executeQuery()) {
                r.next();
                asked = r.getString(1);
            }
            List<Long> inWindow = new ArrayList<>(Arrays.stream(asked.split(",")).filter(t -> !t.isEmpty())
                    .map(Long::valueOf).filter(t -> t > windowStart).toList());
            boolean allowed = inWindow.size() < limit;
            if (allowed) {
                inWindow.add(at);
            }
            long newest = inWindow.isEmpty() ? at : inWindow.get(inWindow.size() - 1);
            update("UPDATE question_limit SET asked = ?, expires_at = ? WHERE user_id = ?",
                    inWindow.stream().map(String::valueOf).collect(Collectors.joining(",")),
                    newest + window.toMillis(), userId);
            return allowed;
        });
    }

    @Override
    public long questionUsers(Instant now) {
        return query(() -> {
            try (PreparedStatement ps = prepare("SELECT COUNT(*) FROM question_limit WHERE expires_at > ?", now.toEpochMilli());
                 ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        });
    }

    @Override
    public int forgetExpired(Instant now) {
        int forgotten = 0;
        for (String table : List.of("conversation", "answer_thread", "sources_button", "question_limit")) {
            forgotten += update("DELETE FROM " + table + " WHERE expires_at <= ?", now.toEpochMilli());
        }
        return forgotten;
    }

    /** The one text column of the first row found, if any. */
    private Optional<String> text(String sql, Object... args) {
        return query(() -> {
            try (PreparedStatement ps = prepare(sql, args); ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        });
    }

    @Override
    public void close() {
        try {
            if (connections.isOpen()) {
                updateMarker();
            }
        } finally {
            try {
                connections.close();
            } catch (SQLException e) {
                throw failure("cannot close the database", e);
            }
        }
    }

    // --- plumbing

    private interface Work<T> {
        T run() throws SQLException;
    }

    private interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** The engine's connections: one is lent for a call, and taken back after. */
    private interface Connections extends AutoCloseable {
        <T> T with(ConnectionWork<T> work) throws SQLException;

        boolean isOpen();

        @Override
        void close() throws SQLException;
    }

    /** SQLite: one connection, one caller at a time. */
    private static final class Single implements Connections {
        private final Connection connection;

        Single(Connection connection) {
            this.connection = connection;
        }

        @Override
        public synchronized <T> T with(ConnectionWork<T> work) throws SQLException {
            return work.run(connection);
        }

        @Override
        public synchronized boolean isOpen() {
            try {
                return !connection.isClosed();
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public synchronized void close() throws SQLException {
            connection.close();
        }
    }

    /** PostgreSQL: a connection from the pool for each call. */
    private static final class Pooled implements Connections {
        private final HikariDataSource pool;

        Pooled(HikariDataSource pool) {
            this.pool = pool;
        }

        @Override
        public <T> T with(ConnectionWork<T> work) throws SQLException {
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        }

        @Override
        public boolean isOpen() {
            return !pool.isClosed();
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /** The connection the current call runs on, bound by {@link #query} for the duration of the call. */
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    private Connection connection() {
        Connection c = bound.get();
        if (c == null) {
            throw new IllegalStateException("no connection bound: database work runs inside query()");
        }
        return c;
    }

    /**
     * Runs {@code work} on a connection bound to this thread: the one already bound (a statement inside a
     * transaction), else SQLite's only connection under its lock, else one from the pool, given back after.
     */
    private <T> T query(Work<T> work) {
        try {
            if (bound.get() != null) {
                return work.run();
            }
            return connections.with(c -> bind(c, work));
        } catch (SQLException e) {
            throw failure("database " + database.describe(), e);
        }
    }

    private <T> T bind(Connection c, Work<T> work) throws SQLException {
        bound.set(c);
        try {
            return work.run();
        } finally {
            bound.remove();
        }
    }

    /** The failure to report: the driver's words, with any password taken out. */
    private IllegalStateException failure(String what, SQLException e) {
        String message = database instanceof Database.Postgres pg ? pg.redact(e.getMessage()) : e.getMessage();
        return new IllegalStateException(what + ": " + message, e);
    }

    /** Runs one statement; package-private so tests can shape a database by hand. */
    int update(String sql, Object... args) {
        return query(() -> {
            try (PreparedStatement ps = prepare(sql, args)) {
                return ps.executeUpdate();
            }
        });
    }

    private <T> T transaction(Work<T> work) {
        return query(() -> {
            Connection connection = connection();
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
        PreparedStatement ps = connection().prepareStatement(sql);
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
