package dev.briefing.bot.cli;

import dev.briefing.bot.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --database} on the command line: a bad or unreachable database gets one line, never its password. */
class DatabaseOptionTest {

    static final String SECRET = "s3cret-Pa55word";

    @TempDir
    Path data;

    String err;

    int summary(String database) {
        StringWriter text = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(text, true));
        int exit = cmd.execute("summary", "--articles", Path.of("..", "articles").toString(), "--data", data.toString(),
                "--database", database);
        err = text.toString();
        return exit;
    }

    @Test
    void anUnreachableDatabaseFailsInOneLineWithoutThePassword() {
        // when
        int exit = summary("jdbc:postgresql://127.0.0.1:9/briefing?user=bot&password=" + SECRET);

        // then
        assertEquals(ExitCodes.FAILED, exit, err);
        assertTrue(err.startsWith("error: cannot connect to the database jdbc:postgresql://127.0.0.1:9/briefing?user=bot"
                + "&password=[hidden]: "), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertFalse(err.contains(SECRET), err);
    }

    @Test
    void aUrlOfAnotherKindIsABadCommandLine() {
        // when
        int exit = summary("mysql://bot:" + SECRET + "@host/db");

        // then
        assertEquals(ExitCodes.USAGE, exit, err);
        assertTrue(err.startsWith("error: illegal database URL: it must start with jdbc:postgresql://"), err);
        assertFalse(err.contains(SECRET), err);
    }
}
