package dev.briefing.bot.store;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the store lives: the embedded SQLite file under the data folder (one machine), or a PostgreSQL server that
 * several instances share.
 */
public sealed interface Database permits Database.Sqlite, Database.Postgres {

    /** The environment variable naming a PostgreSQL server, as {@code --database} does. */
    String URL_VARIABLE = "BRIEFING_DATABASE_URL";
    /** The environment variable holding the PostgreSQL user, when the URL does not name one. */
    String USER_VARIABLE = "BRIEFING_DATABASE_USER";
    /** The environment variable holding the PostgreSQL password. */
    String PASSWORD_VARIABLE = "BRIEFING_DATABASE_PASSWORD";

    /** The embedded store, {@code briefing.db} under {@code data}. */
    static Database sqlite(Path data) {
        return new Sqlite(data);
    }

    /**
     * Picks the database: {@code option} ({@code --database}), else {@value #URL_VARIABLE}, else {@code
     * database.url} in the config file, names a PostgreSQL server; without any, the SQLite file under {@code data}.
     * The password comes from {@value #PASSWORD_VARIABLE}, else {@code database.password} in the config file; the
     * user from the URL, else {@value #USER_VARIABLE}, else {@code database.user}.
     *
     * @param configFile the properties file the bot reads its token from, or null
     * @throws IllegalArgumentException with a message an operator can act on (never holding the password)
     */
    static Database resolve(String option, Map<String, String> env, Path configFile, Path data) throws IOException {
        Properties file = new Properties();
        if (configFile != null && Files.isRegularFile(configFile)) {
            try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(in);
            }
        }
        String url = firstNonBlank(option, env.get(URL_VARIABLE), file.getProperty("database.url"));
        if (url == null) {
            return sqlite(data);
        }
        return new Postgres(url.strip(), firstNonBlank(env.get(USER_VARIABLE), file.getProperty("database.user")),
                firstNonBlank(env.get(PASSWORD_VARIABLE), file.getProperty("database.password")), Postgres.Pool.DEFAULTS);
    }

    /** Where the database is, for people: never holding a password. */
    String describe();

    /**
     * The embedded store.
     *
     * @param data the data folder; the database is {@value JdbcStore#FILE} in it, with its marker beside it
     */
    record Sqlite(Path data) implements Database {
        public Sqlite {
            Objects.requireNonNull(data, "data");
        }

        public Path file() {
            return data.resolve(JdbcStore.FILE);
        }

        @Override
        public String describe() {
            return file().toAbsolutePath().toString();
        }
    }

    /**
     * A PostgreSQL server. The password never appears in {@link #toString()}, {@link #describe()}, or a message the
     * store writes: {@link #redact(String)} takes it out of whatever the driver says.
     *
     * @param url {@code jdbc:postgresql://host[:port]/database[?user=...]}
     * @param user the user, when the URL does not name one; may be null
     * @param password may be null (a server that trusts the client)
     * @param pool the connection pool's sizes and deadlines
     */
    record Postgres(String url, String user, String password, Pool pool) implements Database {

        private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

        public Postgres {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(pool, "pool");
            if (!url.startsWith("jdbc:postgresql://")) {
                // The URL may hold a password: say what is wrong without repeating it.
                throw new IllegalArgumentException("illegal database URL: it must start with jdbc:postgresql://,"
                        + " e.g. jdbc:postgresql://127.0.0.1:5432/briefing?user=briefing");
            }
        }

        @Override
        public String describe() {
            return PASSWORD_PARAMETER.matcher(url).replaceAll("$1" + HIDDEN);
        }

        /** {@code text} with the password (also a password given in the URL) replaced by {@value #HIDDEN}. */
        public String redact(String text) {
            if (text == null) {
                return null;
            }
            String out = text;
            if (password != null && !password.isEmpty()) {
                out = out.replace(password, HIDDEN);
            }
            var inUrl = PASSWORD_PARAMETER.matcher(url);
            while (inUrl.find()) {
                String secret = inUrl.group().substring(inUrl.group(1).length());
                if (!secret.isEmpty()) {
                    out = out.replace(secret, HIDDEN);
                }
            }
            return out;
        }

        public Postgres withPool(Pool pool) {
            return new Postgres(url, user, password, pool);
        }

        @Override
        public String toString() {
            return "Postgres[" + describe() + (user == null ? "" : ", user " + user) + ", password "
                    + (password == null ? "none" : HIDDEN) + ", " + pool + "]";
        }

        /**
         * The pool's settings (HikariCP). Every remote call has a deadline: borrowing a connection waits at most
         * {@code connectionTimeout} (which covers opening one), a statement runs at most {@code statementTimeout} on
         * the server, and a read from the socket gives up after {@code socketTimeout} (a server gone silent).
         *
         * @param maxSize connections at most; default 10: the chat workers and the 8 digest senders each hold one
         *                only for a statement or a short transaction
         * @param connectionTimeout default 5 s
         * @param statementTimeout default 10 s; the slowest statement here touches one chat's rows
         * @param socketTimeout default 30 s: past the statement timeout, so the server's own error comes first
         */
        public record Pool(int maxSize, Duration connectionTimeout, Duration statementTimeout, Duration socketTimeout) {

            public static final Pool DEFAULTS = new Pool(10, Duration.ofSeconds(5), Duration.ofSeconds(10),
                    Duration.ofSeconds(30));

            public Pool {
                if (maxSize < 1) {
                    throw new IllegalArgumentException("illegal pool maxSize value: " + maxSize + ", must be at least 1");
                }
                for (Duration d : new Duration[]{connectionTimeout, statementTimeout, socketTimeout}) {
                    if (d.toMillis() < 250) {
                        throw new IllegalArgumentException("illegal pool timeout value: " + d + ", must be at least 250 ms");
                    }
                }
            }
        }
    }

    /** What stands in for a password. */
    String HIDDEN = "[hidden]";

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
