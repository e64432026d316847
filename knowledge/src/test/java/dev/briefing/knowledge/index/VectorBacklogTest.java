package dev.briefing.knowledge.index;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.embed.BatchedOnnxEmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The background embedder's windows, over the real index on disk and the real bge-small model. */
class VectorBacklogTest {

    @Test
    void theFirstWindowIsSmallAndEachLaterOneTwiceAsLargeUpToTheWindow(@TempDir Path dir) throws Exception {
        // given the sample's passages, all queued before the embedder takes a window
        List<Article> articles = SampleArticles.read();
        int passages = (int) articles.stream().flatMap(a -> a.passages().stream()).map(Passage::text).distinct().count();
        assertTrue(passages > 3 * VectorBacklog.FIRST_WINDOW, passages + " passages: too few to see windows grow");
        GatedEmbeddingModel counting = GatedEmbeddingModel.open(BatchedOnnxEmbeddingModel.bgeSmallEnV15Quantized());
        try (LuceneIndex index = LuceneIndex.open(dir, counting)) {
            try (LuceneIndex.Hold held = index.holdVectors()) {
                for (Article a : articles) {
                    index.put(a);
                }
                index.commit();
            }
            // when every passage has its vector
            index.awaitVectors(n -> { });
        }
        // then the windows took 16, 32, 64, ... passages, the last what was left
        List<Integer> calls = counting.backlogCalls();
        int left = passages;
        int window = VectorBacklog.FIRST_WINDOW;
        for (int i = 0; left > 0; i++) {
            assertEquals(Math.min(window, left), calls.get(i), "window " + i + " of " + calls);
            left -= calls.get(i);
            window = Math.min(VectorBacklog.WINDOW, 2 * window);
        }
    }
}
