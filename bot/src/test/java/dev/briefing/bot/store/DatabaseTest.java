package dev.briefing.bot.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choosing the database, and keeping its password out of every text the store writes. */
class DatabaseTest {

    static final String SECRET = "s3cret-Pa55word";
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/briefing?user=bot";

    @TempDir
    Path data;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void withoutAUrlTheStoreIsTheSqliteFileUnderTheDataFolder() throws Exception {
        assertEquals(Database.sqlite(data), Database.resolve(null, Map.of(), null, data));
    }

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheConfigFile() throws Exception {
        // given a config file naming a server and a password, and the environment naming others
        Path config = data.resolve("bot.properties");
        Files.writeString(config, "database.url=jdbc:postgresql://file-host/db\ndatabase.password=from-file\n"
                + "database.user=file-user\n");
        Map<String, String> env = Map.of(Database.URL_VARIABLE, "jdbc:postgresql://env-host/db",
                Database.PASSWORD_VARIABLE, SECRET);

        // when / then
        Database.Postgres fromOption = (Database.Postgres) Database.resolve(URL, env, config, data);
        assertEquals(URL, fromOption.url());
        assertEquals(SECRET, fromOption.password());
        assertEquals("file-user", fromOption.user());
        assertEquals("jdbc:postgresql://env-host/db", ((Database.Postgres) Database.resolve(null, env, config, data)).url());
        Database.Postgres fromFile = (Database.Postgres) Database.resolve(null, Map.of(), config, data);
        assertEquals("jdbc:postgresql://file-host/db", fromFile.url());
        assertEquals("from-file", fromFile.password());
    }

    @Test
    void thePasswordIsInNoDescriptionOfTheDatabase() throws Exception {
        // given a password from the environment, and one written into the URL
        Database.Postgres fromEnv = (Database.Postgres) Database.resolve(URL, Map.of(Database.PASSWORD_VARIABLE, SECRET), null, data);
        Database.Postgres inUrl = (Database.Postgres) Database.resolve(URL + "&password=" + SECRET + "&ssl=false", Map.of(), null, data);

        // then neither shows in what is printed or logged about them
        for (Database.Postgres db : new Database.Postgres[]{fromEnv, inUrl}) {
            assertFalse(db.toString().contains(SECRET), db.toString());
            assertFalse(db.describe().contains(SECRET), db.describe());
            assertEquals("FATAL: for [hidden] at host", db.redact("FATAL: for " + SECRET + " at host"));
        }
        assertEquals(URL + "&password=[hidden]&ssl=false", inUrl.describe());
    }

    @Test
    void aUrlThatIsNotPostgresIsRefusedWithoutRepeatingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Database.resolve("postgres://bot:" + SECRET + "@host/db", Map.of(), null, data));
        assertTrue(e.getMessage().startsWith("illegal database URL: it must start with jdbc:postgresql://"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void poolSettingsAreValidatedByField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Database.Postgres.Pool(0, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().startsWith("illegal pool maxSize value: 0"), e.getMessage());
    }

    @Test
    void aRejectedPasswordIsReportedWithoutIt() {
        // given the test server, and a wrong password (from the environment, and in the URL)
        Database.Postgres server = TestDatabases.server();
        Database.Postgres quick = new Database.Postgres(server.url(), null, SECRET, new Database.Postgres.Pool(2,
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)));
        Database.Postgres inUrl = new Database.Postgres(server.url() + "&password=" + SECRET, null, null, quick.pool());

        for (Database.Postgres db : new Database.Postgres[]{quick, inUrl}) {
            // when
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcStore.open(db));

            // then the reason is there, the password is not, in the message or anywhere in its causes
            assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot connect to the database jdbc:postgresql://"), e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(SECRET), t.toString());
            }
        }
    }

    @Test
    void everySessionOfThePoolHasTheServerSideDeadlines() {
        try (JdbcStore store = JdbcStore.open(databases.create(TestDatabases.Engine.POSTGRESQL))) {
            assertEquals("10s", store.serverSetting("statement_timeout"));
            assertEquals("1min", store.serverSetting("idle_in_transaction_session_timeout"));
        }
    }

    @Test
    void anUnreachableServerFailsWithinItsDeadline() {
        // given a port nothing listens on
        Database.Postgres nowhere = new Database.Postgres("jdbc:postgresql://127.0.0.1:9/briefing?user=bot", null, SECRET,
                new Database.Postgres.Pool(2, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)));

        // when: the open must give up by its deadline, not hang
        IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(IllegalStateException.class, () -> JdbcStore.open(nowhere)));

        // then it says so in one line, without the password
        assertTrue(e.getMessage().startsWith("cannot connect to the database jdbc:postgresql://127.0.0.1:9/"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }
}
