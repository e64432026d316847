package dev.briefing.knowledge;

import dev.briefing.knowledge.embed.BatchedOnnxEmbeddingModel;
import dev.briefing.knowledge.index.GatedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start hashes only the files whose size or modification time changed since they were last hashed, from the
 * stamps kept beside the index; the real index on disk and the sample articles (their vectors never computed: the
 * embedder is held back, this is about reading files).
 */
class FileStampsTest {

    private static final Path SAMPLE = Path.of("..", "articles");
    private static BatchedOnnxEmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        model = BatchedOnnxEmbeddingModel.bgeSmallEnV15Quantized();
    }

    private static List<Path> copySample(Path articles, Instant modified) throws IOException {
        Files.createDirectories(articles);
        try (Stream<Path> files = Files.list(SAMPLE)) {
            for (Path f : files.sorted().toList()) {
                Path copy = articles.resolve(f.getFileName());
                Files.copy(f, copy);
                Files.setLastModifiedTime(copy, FileTime.from(modified));
            }
        }
        try (Stream<Path> files = Files.list(articles)) {
            return files.sorted().toList();
        }
    }

    /** Opens, syncs without computing vectors, closes; returns the sync's report. */
    private static SyncReport syncOnce(Path articles, Path data) throws IOException {
        GatedEmbeddingModel held = GatedEmbeddingModel.closed(model);
        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, data), held)) {
            SyncReport r = kb.sync(SyncListener.NONE, KnowledgeBase.Vectors.IN_BACKGROUND);
            held.abort();
            return r;
        }
    }

    /** Replaces a file's text by other text of the same length, keeping its modification time. */
    private static void editKeepingSizeAndTime(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String edited = text.replaceFirst("[a-z]", "#");
        assertTrue(!edited.equals(text) && edited.length() == text.length());
        Files.writeString(file, edited, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, modified);
    }

    @Test
    void aStartReReadsOnlyFilesWhoseSizeOrTimeChanged(@TempDir Path dir) throws IOException {
        // given the sample, last modified an hour ago, read once
        Path articles = dir.resolve("articles");
        List<Path> files = copySample(articles, Instant.now().minus(1, ChronoUnit.HOURS));
        Path data = dir.resolve("data");
        assertEquals(files.size(), syncOnce(articles, data).added());
        assertEquals(files.size() + 1, Files.readAllLines(data.resolve("index").resolve(KnowledgeBase.STAMPS)).size());

        // when one file is edited as an editor does (its time moves) and another keeps its size and time
        Files.writeString(files.get(0), Files.readString(files.get(0)) + "\nOne more paragraph, added later.\n");
        editKeepingSizeAndTime(files.get(1));
        SyncReport next = syncOnce(articles, data);

        // then the next start reads the first again and trusts the second's stamp, as git trusts its index
        assertEquals(1, next.changed(), next.summary());
        assertEquals(files.size() - 1, next.unchanged(), next.summary());
    }

    @Test
    void aFileModifiedNoEarlierThanItWasReadIsHashedAgainAtTheNextStart(@TempDir Path dir) throws IOException {
        // given the sample read once, its files' modification time not before the read (a second write in the same
        // clock tick as the one read could keep both size and time; here, a time ahead of the clock)
        Path articles = dir.resolve("articles");
        List<Path> files = copySample(articles, Instant.now().plus(1, ChronoUnit.HOURS));
        Path data = dir.resolve("data");
        syncOnce(articles, data);

        // when one keeps its size and time but changes
        editKeepingSizeAndTime(files.get(1));
        SyncReport next = syncOnce(articles, data);

        // then the next start hashed it and saw the change
        assertEquals(1, next.changed(), next.summary());
    }

    @Test
    void aDamagedStampsFileMeansEveryFileIsHashed(@TempDir Path dir) throws IOException {
        // given the sample read once, an hour old, and its stamps file then overwritten with nonsense
        Path articles = dir.resolve("articles");
        List<Path> files = copySample(articles, Instant.now().minus(1, ChronoUnit.HOURS));
        Path data = dir.resolve("data");
        syncOnce(articles, data);
        Files.writeString(data.resolve("index").resolve(KnowledgeBase.STAMPS), "\u0000garbage\tnot\ta stamp\n");

        // when one file keeps its size and time but changes
        editKeepingSizeAndTime(files.get(1));
        SyncReport next = syncOnce(articles, data);

        // then nothing was trusted: the change is seen
        assertEquals(1, next.changed(), next.summary());
        assertEquals(files.size() - 1, next.unchanged(), next.summary());
    }
}
