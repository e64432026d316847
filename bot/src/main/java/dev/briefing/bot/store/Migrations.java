package dev.briefing.bot.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as ordered migrations. Version n is the n-th entry; a database records the versions applied in
 * {@code schema_version}. Never edit a released migration: append a new one.
 */
final class Migrations {

    static final List<List<String>> ALL = List.of(
            // 1: subscriptions and the exactly-once log of digests
            List.of("""
                    CREATE TABLE subscription (
                        chat_id          INTEGER PRIMARY KEY,
                        send_at          TEXT    NOT NULL,
                        zone             TEXT    NOT NULL,
                        since            INTEGER NOT NULL,
                        last_article_day TEXT,
                        last_digest_date TEXT
                    )""", """
                    CREATE TABLE digest (
                        chat_id     INTEGER NOT NULL,
                        local_date  TEXT    NOT NULL,
                        state       TEXT    NOT NULL CHECK (state IN ('CLAIMED', 'SENT', 'FAILED', 'ABANDONED')),
                        attempts    INTEGER NOT NULL,
                        claimed_at  INTEGER NOT NULL,
                        sent_at     INTEGER,
                        article_day TEXT,
                        PRIMARY KEY (chat_id, local_date)
                    )"""),
            // 2: computed summaries, one per day, so a restart does not recompute them
            List.of("""
                    CREATE TABLE summary (
                        day         TEXT    PRIMARY KEY,
                        version     TEXT    NOT NULL,
                        document    TEXT    NOT NULL,
                        computed_at INTEGER NOT NULL
                    )"""),
            // 3: failed digests wait before the next attempt (UTC epoch millis; null: at once), and a claim names
            //    its holder, so only the sender that holds it can mark the digest sent
            List.of("ALTER TABLE digest ADD COLUMN next_attempt_at INTEGER",
                    "ALTER TABLE digest ADD COLUMN claim_token TEXT"),
            // 4: the durable inbox (updates stored before Telegram is told they arrived, done once their replies
            //    are queued) and the durable outbox (replies stored before they are sent, removed once accepted)
            List.of("""
                    CREATE TABLE inbox (
                        update_id   INTEGER PRIMARY KEY,
                        payload     TEXT    NOT NULL,
                        received_at INTEGER NOT NULL,
                        done_at     INTEGER
                    )""", "CREATE INDEX inbox_unfinished ON inbox (update_id) WHERE done_at IS NULL", """
                    CREATE TABLE outbox (
                        id        INTEGER PRIMARY KEY AUTOINCREMENT,
                        chat_id   INTEGER NOT NULL,
                        message   TEXT    NOT NULL,
                        update_id INTEGER NOT NULL,
                        queued_at INTEGER NOT NULL,
                        deadline  INTEGER NOT NULL,
                        notice    INTEGER NOT NULL CHECK (notice IN (0, 1))
                    )"""));

    private Migrations() {
    }

    /** The newest version this program knows. */
    static int latest() {
        return ALL.size();
    }

    /**
     * Brings the schema to {@code target}, each migration in its own immediate transaction, so two processes
     * opening one file at once apply each migration once.
     */
    static void migrate(Connection c, int target) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        }
        int current = version(c);
        if (current > latest()) {
            throw new IllegalStateException("the database schema is at version " + current
                    + ", newer than this program's " + latest() + "; run a newer bot or point --data elsewhere");
        }
        for (int v = current + 1; v <= target; v++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (version(c) >= v) {
                    c.commit();
                    continue;
                }
                for (String sql : ALL.get(v - 1)) {
                    s.executeUpdate(sql);
                }
                s.executeUpdate("INSERT INTO schema_version (version, applied_at) VALUES (" + v + ", "
                        + System.currentTimeMillis() + ")");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw new SQLException("migration to schema version " + v + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
