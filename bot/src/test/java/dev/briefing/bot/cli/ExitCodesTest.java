package dev.briefing.bot.cli;

import dev.briefing.bot.Main;
import dev.briefing.bot.bench.BenchMain;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input and unusable data folders, through the real command line in-process: each ends in the exit code the
 * README lists and a message a user can act on, never a stack trace. None of these gets as far as the
 * embedding model, so they run in milliseconds.
 */
class ExitCodesTest {

    @TempDir
    Path dir;

    /** What the command line wrote to its error stream, and its exit code. */
    private record Outcome(int exit, String err) {
    }

    /** Runs the bot's command line, or the benchmarks' for {@code bench} and {@code bench-digest}. */
    private Outcome run(String... args) {
        return run(isBench(args[0]) ? BenchMain.commandLine() : Main.commandLine(), args);
    }

    private static Outcome run(CommandLine commandLine, String... args) {
        StringWriter err = new StringWriter();
        int exit = commandLine.setErr(new PrintWriter(err, true)).execute(args);
        return new Outcome(exit, err.toString());
    }

    private static void assertOneLineError(Outcome o, String expected) {
        assertTrue(o.err().startsWith("error: "), o.err());
        assertTrue(o.err().contains(expected), o.err());
        assertFalse(o.err().contains("\tat ") || o.err().contains("Exception"), "a stack trace reached the user: " + o.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ask ''                                | 2 | the question is empty
            ask '   '                             | 2 | the question is empty
            ask --articles MISSING 'Who?'         | 2 | no articles folder at
            summary --articles MISSING            | 2 | no articles folder at
            ingest --articles MISSING             | 2 | no articles folder at
            chat --articles MISSING               | 2 | no articles folder at
            summary --data FILE                   | 2 | is a file; pass a folder
            ask --data FILE 'Who?'                | 2 | is a file; pass a folder
            ask --data FILE/data 'Who?'           | 2 | cannot be created (Not a directory); pass a folder
            ingest --data FILE/data               | 2 | cannot be created (Not a directory)
            bench --questions FILE --data FILE/data | 2 | cannot be created (Not a directory)
            summary --zone Mars/Olympus           | 2 | unknown time zone
            bench-digest --chats -5               | 2 | --chats must be at least 1, not -5
            bench-digest --rate 0                 | 2 | --rate must be at least 1, not 0
            bench-digest --articles MISSING       | 2 | no articles folder at
            ask --no-such-option 'Who?'           | 2 | Unknown option
            run --webhook https://x.org/hook      | 2 | --webhook needs --listen HOST:PORT
            run --listen 8080                     | 2 | illegal --listen value: '8080', must be HOST:PORT
            run --digest-lease 0                  | 2 | --digest-lease must be at least 1 second, not 0
            run --digest-tick 0                   | 2 | --digest-tick must be at least 1 second, not 0
            """)
    void badInputGetsOneLineAndExitCode2(String command, int code, String message) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        List<String> args = new ArrayList<>();
        for (String word : command.split(" (?=(?:[^']*'[^']*')*[^']*$)")) {
            args.add(switch (word) {
                case "MISSING" -> dir.resolve("missing").toString();
                case "FILE" -> file.toString();
                case "FILE/data" -> file.resolve("data").toString();
                default -> word.replace("'", "");
            });
        }
        if (!command.contains("--articles")) {
            args.addAll(1, List.of("--articles", SummaryCommandTest.ARTICLES.toString()));
        }
        if (!command.contains("--data") && !command.startsWith("bench-digest")) {
            args.addAll(1, List.of("--data", dir.resolve("data").toString()));
        }
        // when
        Outcome o = run(args.toArray(String[]::new));
        // then
        assertEquals(code, o.exit(), o.err());
        assertOneLineError(o, message);
        String name = command.split(" ")[0];
        String root = isBench(name) ? "briefing-bench" : "briefing-bot";
        assertTrue(o.err().contains("Try '" + root + " " + name + " --help'"), o.err());
    }

    private static boolean isBench(String command) {
        return command.startsWith("bench");
    }

    @Test
    void noCommandNamesTheCommandsThereAre() {
        // when
        Outcome bot = run(Main.commandLine());
        Outcome bench = run(BenchMain.commandLine());
        // then
        assertEquals(ExitCodes.USAGE, bot.exit(), bot.err());
        assertOneLineError(bot, "name a command: chat, ask, ingest, run, summary or train");
        assertEquals(ExitCodes.USAGE, bench.exit(), bench.err());
        assertOneLineError(bench, "name a command: bench or bench-digest");
    }

    @Test
    void theBotsCommandLineHasNoBenchmarks() {
        // when the bot is asked for a benchmark, which lives in its own jar beside it
        Outcome o = run(Main.commandLine(), "bench", "--questions", "q.txt");
        // then it is an unknown command: exit 2 and the one-line error, as for any other
        assertEquals(2, o.exit(), o.err());
        assertOneLineError(o, "Unmatched arguments from index 0: 'bench'");
    }

    @Test
    void trainWithADataFolderUnderAFileExits2() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        // when
        Outcome o = run("train", "--set", "d=" + file + ":" + dir, "--data", file.resolve("train").toString());
        // then
        assertEquals(2, o.exit(), o.err());
        assertOneLineError(o, "--data " + file.resolve("train") + " cannot be created (Not a directory)");
    }

    @Test
    void aWriterCommandOnAnIndexAnotherHoldsExits4() throws Exception {
        // given another holder of the index's write lock (Lucene's lock also holds within one JVM)
        Path data = dir.resolve("data");
        Path empty = Files.createDirectories(dir.resolve("articles"));
        try (KnowledgeBase holder = KnowledgeBase.open(new KnowledgeSettings(empty, data))) {
            holder.sync(SyncListener.NONE);
            // when
            Outcome o = run("ingest", "--articles", empty.toString(), "--data", data.toString());
            // then
            assertEquals(4, o.exit(), o.err());
            assertOneLineError(o, "is in use by another process");
        }
    }

    @Test
    void aCorruptDatabaseExits5WithTheBackupsPath() throws Exception {
        // given
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve(JdbcStore.FILE), "this is not a database, whatever its name says ".repeat(10));
        // when
        Outcome o = run("summary", "--articles", SummaryCommandTest.ARTICLES.toString(), "--data", data.toString());
        // then
        assertEquals(5, o.exit(), o.err());
        assertOneLineError(o, "is damaged");
        assertTrue(o.err().contains(data.resolve(JdbcStore.FILE + ".backup-1").toAbsolutePath().toString()), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
    }
}
