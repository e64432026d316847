package dev.briefing.bot.cli;

import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.SyncListener;
import dev.briefing.knowledge.SyncReport;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Conversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the real jar's {@code ingest} with SIGKILL once the folder is read and its vectors are being computed,
 * then opens the index it left: every article must be there and answer (by BM25), the passages still without
 * vectors must be found again, and the backlog must drain.
 */
class IngestCrashIT {

    private static final int COPIES = 4;
    private static final Pattern EMBEDDING = Pattern.compile("Embedding\\s+\\d+%");

    @Test
    void anIngestKilledWhileEmbeddingOpensAnswersAndResumesTheBacklog(@TempDir Path dir) throws Exception {
        // given a folder whose every paragraph is unique, so no vector can be found by content hash
        Path articles = Files.createDirectories(dir.resolve("articles"));
        List<Path> sample;
        try (var files = Files.list(Path.of("..", "articles"))) {
            sample = files.sorted().toList();
        }
        for (int i = 0; i < COPIES; i++) {
            for (Path f : sample) {
                String marked = Files.readString(f).replaceAll("([.!?\"”])(\\s*\\n\\s*\\n)", "$1 (Copy " + i + ".)$2");
                Files.writeString(articles.resolve(i + "_" + f.getFileName()), marked + "\n\nFiled as copy " + i + ".\n");
            }
        }
        int total = COPIES * sample.size();
        Path data = dir.resolve("data");

        // when ingest is killed once it has read the folder and is embedding
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", Path.of("target", "briefing-bot.jar").toString(), "ingest",
                "--articles", articles.toString(), "--data", data.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        waitFor(p.getErrorStream(), EMBEDDING);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));

        // then the index opens with every article, answers, and knows which passages still wait
        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, data))) {
            assertEquals(total, kb.catalog().articles());
            int waiting = kb.pendingVectors();
            assertTrue(waiting > 0, "ingest finished embedding before it could be killed");
            Answer a = kb.ask("How old is Nazarbayev?", Conversation.empty());
            assertTrue(a.answered(), a.text());
            // and the next sync reads nothing again and waits for the backlog to drain
            SyncReport r = kb.sync(SyncListener.NONE);
            assertEquals(0, r.added() + r.changed());
            assertEquals(total, r.unchanged());
            assertEquals(0, r.pendingVectors());
            assertEquals(0, kb.pendingVectors());
        }
    }

    /** Reads stderr until the pattern shows. */
    private static void waitFor(InputStream stderr, Pattern pattern) throws Exception {
        StringBuilder window = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int c;
        while (System.nanoTime() < deadline && (c = stderr.read()) >= 0) {
            window.append((char) c);
            if (window.length() > 400) {
                window.delete(0, 200);
            }
            if (pattern.matcher(window).find()) {
                return;
            }
        }
        throw new AssertionError("no " + pattern + " on stderr; it ended with: " + window);
    }
}
