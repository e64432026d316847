package dev.briefing.bot.cli;

import dev.briefing.bot.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

/** The option of the commands that use the store: where it lives, SQLite under the data folder or PostgreSQL. */
public final class DatabaseOption {

    @Option(names = "--database", paramLabel = "URL",
            description = "Keep the store in PostgreSQL, jdbc:postgresql://HOST[:PORT]/DB[?user=USER] (or set "
                    + Database.URL_VARIABLE + "); the password comes from " + Database.PASSWORD_VARIABLE
                    + " or database.password in the --config file. Default: DATA/briefing.db (SQLite).")
    String url;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The database to open, from this option, the environment and the config file (may be null).
     *
     * @throws CommandLine.ParameterException when the URL is not a PostgreSQL JDBC URL
     */
    public Database resolve(Path data, Path configFile) throws IOException {
        try {
            return Database.resolve(url, System.getenv(), configFile, data);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
