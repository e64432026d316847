package dev.briefing.bot.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The schema: Flyway migrations under {@value #LOCATION} ({@code V<n>__<what>.sql}), one set for both engines, their
 * differences in {@link Dialect#placeholders()}. Never edit a released migration: add the next one.
 *
 * <p>A database from before Flyway (the hand-written migrations, which recorded their versions 1 to 4 in a
 * {@code schema_version} table) is carried over unchanged: Flyway baselines it at the version it recorded and applies
 * only the newer migrations. Its {@code schema_version} table stays, as the record of how it got there.
 */
final class Schema {

    static final String LOCATION = "classpath:db/briefing";

    private Schema() {
    }

    /** The database was migrated by a newer program: this one must not touch it. */
    static final class NewerSchemaException extends IllegalStateException {
        NewerSchemaException(String message) {
            super(message);
        }
    }

    /**
     * Brings the schema to {@code target} (the latest when empty). Flyway keeps two processes from migrating one
     * PostgreSQL database at once (an advisory lock); for SQLite the caller holds a lock of its own.
     *
     * @throws IllegalStateException when the database is at a version newer than this program knows
     */
    static void migrate(DataSource source, Dialect dialect, OptionalInt target) throws SQLException {
        FluentConfiguration config = Flyway.configure()
                .dataSource(source)
                .locations(LOCATION)
                .placeholders(dialect.placeholders())
                .validateMigrationNaming(true);
        if (target.isPresent()) {
            config.target(MigrationVersion.fromVersion(Integer.toString(target.getAsInt())));
        }
        OptionalInt legacy;
        try (Connection c = source.getConnection()) {
            legacy = hasTable(c, "flyway_schema_history") ? OptionalInt.empty() : legacyVersion(c);
        }
        if (legacy.isPresent()) {
            config.baselineOnMigrate(true)
                    .baselineVersion(MigrationVersion.fromVersion(Integer.toString(legacy.getAsInt())))
                    .baselineDescription("schema_version " + legacy.getAsInt() + " of the hand-written migrations");
        }
        Flyway flyway = config.load();
        // One look at the history and the migrations: on PostgreSQL each look is a few round trips.
        MigrationInfoService info = flyway.info();
        int latest = latest(info);
        int current = legacy.isPresent() ? legacy.getAsInt() : current(info);
        refuseNewer(current, latest);
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            SQLException cause = sqlCause(e);
            throw new SQLException("migrating the schema failed: " + e.getMessage(), cause == null ? null : cause.getSQLState(),
                    cause == null ? 0 : cause.getErrorCode(), e);
        }
    }

    private static void refuseNewer(int version, int latest) {
        if (version > latest) {
            throw new NewerSchemaException("the database schema is at version " + version + ", newer than this program's "
                    + latest + "; run a newer bot or point --data (or --database) elsewhere");
        }
    }

    private static int current(MigrationInfoService info) {
        MigrationInfo current = info.current();
        return current == null || current.getVersion() == null ? 0 : current.getVersion().getMajor().intValue();
    }

    private static int latest(MigrationInfoService info) {
        return Arrays.stream(info.all())
                .filter(i -> i.getVersion() != null && i.getState().isResolved())
                .mapToInt(i -> i.getVersion().getMajor().intValue())
                .max().orElse(0);
    }

    /** The version the hand-written migrations recorded, when the database has their table. */
    private static OptionalInt legacyVersion(Connection c) throws SQLException {
        if (!hasTable(c, "schema_version")) {
            return OptionalInt.empty();
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            int v = r.next() ? r.getInt(1) : 0;
            return v == 0 ? OptionalInt.empty() : OptionalInt.of(v);
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet r = meta.getTables(null, c.getSchema(), name, new String[]{"TABLE"})) {
            return r.next();
        }
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }
}
