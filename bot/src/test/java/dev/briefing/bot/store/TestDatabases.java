package dev.briefing.bot.store;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Databases for one test, on either engine: a new SQLite folder, or a new schema on the PostgreSQL test server named
 * by {@value #URL_VARIABLE} (with {@value #PASSWORD_VARIABLE}); all dropped after the test. Register it with
 * {@code @RegisterExtension}. Without the server the PostgreSQL cases are skipped with a hint, unless {@value
 * #REQUIRE_VARIABLE}=1 (as in CI), where a missing server fails them.
 */
public final class TestDatabases implements AfterEachCallback {

    public static final String URL_VARIABLE = "BRIEFING_TEST_DATABASE_URL";
    public static final String PASSWORD_VARIABLE = "BRIEFING_TEST_DATABASE_PASSWORD";
    public static final String REQUIRE_VARIABLE = "BRIEFING_REQUIRE_POSTGRES";

    /** The two engines the store runs on. */
    public enum Engine {
        SQLITE, POSTGRESQL
    }

    private final List<Path> folders = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();

    /** A new, empty database on {@code engine}; each call gives another. */
    public Database create(Engine engine) {
        return engine == Engine.SQLITE ? Database.sqlite(folder()) : postgres();
    }

    /** A new temporary folder, deleted after the test. */
    public Path folder() {
        try {
            Path folder = Files.createTempDirectory("store-test");
            folders.add(folder);
            return folder;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test server, skipping (or, where required, failing) the test when there is none. */
    public static Database.Postgres server() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
                throw new IllegalStateException(REQUIRE_VARIABLE + "=1 but " + URL_VARIABLE + " is not set: the"
                        + " PostgreSQL tests must run here; start a server with .ci/postgres-start");
            }
            Assumptions.abort("no PostgreSQL test server: eval \"$(.ci/postgres-start)\" starts one and sets " + URL_VARIABLE);
        }
        return new Database.Postgres(url, null, System.getenv(PASSWORD_VARIABLE), Database.Postgres.Pool.DEFAULTS);
    }

    private Database.Postgres postgres() {
        Database.Postgres server = server();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        execute(server, "CREATE SCHEMA " + schema);
        schemas.add(schema);
        String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Database.Postgres(url, server.user(), server.password(), server.pool());
    }

    private static void execute(Database.Postgres server, String sql) {
        Properties p = new Properties();
        if (server.password() != null) {
            p.setProperty("password", server.password());
        }
        try (Connection c = DriverManager.getConnection(server.url(), p); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test server: " + server.redact(e.getMessage()), e);
        }
    }

    /** The engines to run a parameterized store test on: both. */
    public static Stream<Engine> engines() {
        return Stream.of(Engine.values());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        dropAll();
    }

    /** Drops every schema and deletes every folder made so far: for a benchmark's main, which has no test to end. */
    public void dropAll() throws IOException {
        for (String schema : schemas) {
            execute(server(), "DROP SCHEMA " + schema + " CASCADE");
        }
        schemas.clear();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        folders.clear();
    }
}
