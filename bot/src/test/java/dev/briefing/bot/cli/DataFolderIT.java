package dev.briefing.bot.cli;

import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.store.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real jar on a data folder as operators share and damage it: several processes at once, a damaged index,
 * an emptied database. Each outcome is one line on stderr and a listed exit code, never a stack trace.
 */
class DataFolderIT {

    @Test
    void readOnlyCommandsWorkWhileAnotherProcessHoldsTheIndexAndWritersAreToldWhy(@TempDir Path dir) throws Exception {
        // given a copy of the articles and a chat session holding the index
        Path articles = copyOfArticles(dir);
        Path data = dir.resolve("data");
        Process chat = Jar.start(dir, "chat", "--articles", articles.toString(), "--data", data.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(chat.getInputStream(), StandardCharsets.UTF_8));
            String greeting = out.readLine();
            assertTrue(greeting != null && greeting.startsWith("Briefing bot over"), "chat did not start: " + greeting);

            // when ask runs on the same folder
            Jar.Run ask = Jar.run(dir, "ask", "--articles", articles.toString(), "--data", data.toString(),
                    "How many checkpoints were set up around the capital?");
            // then it answers from the index as chat wrote it, and says so in one line
            assertEquals(0, ask.exit(), ask.toString());
            assertTrue(ask.out().contains("six checkpoints"), ask.toString());
            assertTrue(ask.err().contains("note: another process holds the index in ") && ask.err().contains("(up to date with "),
                    ask.toString());

            // when a file is added and one deleted, summary says the index is older than the folder
            List<Path> files = list(articles);
            Files.writeString(articles.resolve("new.md"), "# Ports reopen\n\n2022-01-11\n\nThe river ports reopened on Tuesday after the floods.\n");
            Files.delete(files.get(2));
            Jar.Run summary = Jar.run(dir, "summary", "--articles", articles.toString(), "--data", data.toString());
            assertEquals(0, summary.exit(), summary.toString());
            assertTrue(summary.out().startsWith("Briefing for "), summary.toString());
            assertTrue(summary.err().contains("which is older than " + articles + ": 1 added, 0 changed, 1 removed since"),
                    summary.toString());

            // when a command that must write runs, it is refused in one line with exit 4
            Jar.Run ingest = Jar.run(dir, "ingest", "--articles", articles.toString(), "--data", data.toString());
            assertEquals(4, ingest.exit(), ingest.toString());
            assertOneLineError(ingest, "is in use by another process");
        } finally {
            chat.getOutputStream().close();
            assertTrue(chat.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, chat.exitValue());
    }

    @Test
    void aDamagedIndexIsRebuiltAndAnEmptiedDatabaseStopsStartUp(@TempDir Path dir) throws Exception {
        // given a built index and a database that holds a subscription
        Path data = dir.resolve("data");
        Jar.Run first = Jar.run(dir, "summary", "--articles", Jar.ARTICLES.toString(), "--data", data.toString());
        assertEquals(0, first.exit(), first.toString());
        try (JdbcStore store = JdbcStore.open(data)) {
            store.subscribe(Subscription.of(42, LocalTime.of(8, 0), ZoneOffset.UTC, Instant.EPOCH));
        }

        // when the index's largest file is truncated
        Path largest;
        try (Stream<Path> index = Files.list(data.resolve("index"))) {
            largest = index.max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
        try (FileChannel c = FileChannel.open(largest, StandardOpenOption.WRITE)) {
            c.truncate(c.size() / 2);
        }
        Jar.Run rebuilt = Jar.run(dir, "summary", "--articles", Jar.ARTICLES.toString(), "--data", data.toString());
        // then the index is rebuilt with one line saying so
        assertEquals(0, rebuilt.exit(), rebuilt.toString());
        assertTrue(rebuilt.err().contains("is damaged") && rebuilt.err().contains("rebuilding it from the articles"), rebuilt.toString());
        assertTrue(rebuilt.err().contains("(5 added, 0 changed, 0 removed, 0 unchanged)"), rebuilt.toString());
        assertFalse(rebuilt.err().contains("\tat "), rebuilt.toString());

        // when the database is emptied
        try (FileChannel c = FileChannel.open(data.resolve(JdbcStore.FILE), StandardOpenOption.WRITE)) {
            c.truncate(0);
        }
        Jar.Run refused = Jar.run(dir, "summary", "--articles", Jar.ARTICLES.toString(), "--data", data.toString());
        // then start-up stops with exit 5, naming the file and a copy
        assertEquals(5, refused.exit(), refused.toString());
        assertOneLineError(refused, "is empty (0 bytes), but the last run left it holding 1 subscriptions");
        assertTrue(refused.err().contains(JdbcStore.FILE + ".backup-1"), refused.toString());
        assertEquals(0, Files.size(data.resolve(JdbcStore.FILE)), "the emptied file is left as it was");
    }

    private static void assertOneLineError(Jar.Run run, String expected) {
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), run.toString());
        assertTrue(errors.get(0).contains(expected), run.toString());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), "a stack trace reached the user: " + run);
    }

    private static Path copyOfArticles(Path dir) throws Exception {
        Path articles = Files.createDirectories(dir.resolve("articles"));
        for (Path f : list(Jar.ARTICLES)) {
            Files.copy(f, articles.resolve(f.getFileName()));
        }
        return articles;
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
