package dev.briefing.bot.cli;

import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncListener;
import dev.briefing.knowledge.SyncReport;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.query.Conversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the real jar's {@code ingest} with SIGKILL part-way through a folder, then opens the index it left:
 * it must open, hold the batches committed before the kill, answer from them, and finish on the next sync.
 */
class IngestCrashIT {

    private static final int COPIES = 12;
    private static final Pattern PROGRESS = Pattern.compile("(\\d+)/(\\d+) files");

    @Test
    void anIndexKilledMidIngestOpensAnswersAndCompletes(@TempDir Path dir) throws Exception {
        // given a folder large enough that indexing takes a while
        Path articles = Files.createDirectories(dir.resolve("articles"));
        List<Path> sample;
        try (var files = Files.list(Path.of("..", "articles"))) {
            sample = files.sorted().toList();
        }
        for (int i = 0; i < COPIES; i++) {
            for (Path f : sample) {
                Files.writeString(articles.resolve(i + "_" + f.getFileName()),
                        Files.readString(f) + "\n\nFiled as copy " + i + ".\n");
            }
        }
        int total = COPIES * sample.size();
        Path data = dir.resolve("data");

        // when ingest is killed once it is past its first commit (every 25 files)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", Path.of("target", "briefing-bot.jar").toString(), "ingest",
                "--articles", articles.toString(), "--data", data.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int seen = waitForProgress(p.getErrorStream(), 30);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(seen < total, "ingest finished before it could be killed");

        // then the index opens and answers from what was committed
        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, data))) {
            int committed = kb.catalog().articles();
            assertTrue(committed >= 25 && committed < total, "committed " + committed + " of " + total);
            Answer a = kb.ask("How old is Nazarbayev?", Conversation.empty());
            assertTrue(a.answered() || committed < sample.size(), a.text());
            // and the next sync indexes only what is missing
            SyncReport r = kb.sync(SyncListener.NONE);
            assertEquals(total - committed, r.added() + r.changed());
            assertEquals(total, kb.catalog().articles());
        }
    }

    /** Reads the progress bar until it shows at least 30 files done; returns the count seen. */
    private static int waitForProgress(InputStream stderr, int atLeast) throws Exception {
        StringBuilder window = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int c;
        while (System.nanoTime() < deadline && (c = stderr.read()) >= 0) {
            window.append((char) c);
            if (window.length() > 400) {
                window.delete(0, 200);
            }
            Matcher m = PROGRESS.matcher(window);
            int done = -1;
            while (m.find()) {
                done = Integer.parseInt(m.group(1));
            }
            if (done >= atLeast) {
                return done;
            }
        }
        throw new AssertionError("no progress past " + atLeast + " files; stderr ended with: " + window);
    }
}
