package dev.briefing.knowledge.index;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.embed.BatchedOnnxEmbeddingModel;
import dev.briefing.knowledge.embed.ContentHash;
import dev.briefing.knowledge.ingest.ArticleFolder;
import dev.langchain4j.data.segment.TextSegment;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sentence vectors stored in the index: the real Lucene index on disk and the real bge-small model, counted by
 * {@link GatedEmbeddingModel}, so a test sees which texts were (not) embedded.
 */
class SentenceVectorsTest {

    private static BatchedOnnxEmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        model = BatchedOnnxEmbeddingModel.bgeSmallEnV15Quantized();
    }

    private static List<String> sentences(Article a) {
        List<String> out = new ArrayList<>();
        for (Passage p : a.passages()) {
            p.sentences().forEach(s -> out.add(p.sentenceText(s)));
        }
        return out;
    }

    private static Set<String> passageTexts(List<Article> articles) {
        Set<String> out = new HashSet<>();
        articles.forEach(a -> a.passages().forEach(p -> out.add(p.text())));
        return out;
    }

    private static LuceneIndex drained(Path dir, GatedEmbeddingModel embedder, List<Article> articles) throws Exception {
        LuceneIndex index = LuceneIndex.open(dir, embedder);
        for (Article a : articles) {
            index.put(a);
        }
        index.commit();
        index.awaitSentenceVectors(n -> { });
        return index;
    }

    /** Sentence documents of one article in the last commit. */
    private static int sentenceDocuments(Path dir, String articleId) throws Exception {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            return new IndexSearcher(reader).count(new BooleanQuery.Builder()
                    .add(new TermQuery(LuceneIndex.Kind.SENTENCE.term()), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(LuceneIndex.ARTICLE_ID, articleId)), BooleanClause.Occur.FILTER)
                    .build());
        }
    }

    @Test
    void onceTheBacklogDrainsEverySentenceHasAVectorAndEmbeddingThemEmbedsNothing(@TempDir Path dir) throws Exception {
        // given the sample indexed and the backlog drained
        GatedEmbeddingModel counting = GatedEmbeddingModel.open(model);
        List<Article> articles = SampleArticles.read();
        try (LuceneIndex index = drained(dir, counting, articles)) {
            int before = counting.embedded().size();

            // when every sentence is embedded through the answerer's path, one at a time
            List<String> all = articles.stream().flatMap(a -> sentences(a).stream()).toList();
            List<float[]> vectors = index.embedDocuments(all);

            // then nothing waits, every sentence was found in the index, and none was embedded again
            assertEquals(0, index.pendingSentenceVectors());
            assertEquals(0, index.pendingVectors());
            assertEquals(all.size(), vectors.size());
            assertEquals(before, counting.embedded().size());
            Set<String> hashes = new HashSet<>();
            all.forEach(s -> hashes.add(ContentHash.of(s)));
            assertEquals(hashes, index.storedVectors(hashes).keySet());
            // and the passage retrieval searches still finds passages alone: sentence documents hold no kNN vector
            float[] question = index.embedQuery("What is the CSTO?");
            List<Hit> hits = index.nearest(question, 50);
            assertFalse(hits.isEmpty());
            assertTrue(hits.stream().allMatch(h -> index.passage(h.passageId()).isPresent()));
        }
    }

    @Test
    void aStoredSentenceVectorIsTheOneTheQuestionPathComputes(@TempDir Path dir, @TempDir Path empty) throws Exception {
        // given the sample indexed and drained, and an empty index that has no vector stored
        List<Article> articles = SampleArticles.read();
        try (LuceneIndex index = drained(dir, GatedEmbeddingModel.open(model), articles);
             LuceneIndex fresh = LuceneIndex.open(empty, model)) {
            Set<String> passages = passageTexts(articles);
            List<String> checked = sentences(articles.get(0)).stream().filter(s -> !passages.contains(s)).toList();
            assertTrue(checked.size() > 5, checked.size() + " sentences");
            for (String s : checked) {
                // when the sentence's stored vector is read, and the same sentence is embedded where none is stored
                float[] stored = index.storedVectors(Set.of(ContentHash.of(s))).get(ContentHash.of(s));
                float[] queryPath = fresh.embedDocuments(List.of(s)).get(0);
                float[] alone = model.embedAll(List.of(TextSegment.from(s))).content().get(0).vector();

                // then the three are bit for bit the same
                assertArrayEquals(queryPath, stored, s);
                assertArrayEquals(alone, stored, s);
            }
        }
    }

    @Test
    void aRestartWithSentenceVectorsMissingQueuesAndStoresThem(@TempDir Path dir) throws Exception {
        // given the sample indexed by an embedder that stops after the passages' window and one window of sentences
        List<Article> articles = SampleArticles.read();
        int total = articles.stream().mapToInt(a -> sentences(a).size()).sum();
        int waiting;
        GatedEmbeddingModel stopping = GatedEmbeddingModel.failingAfter(model, 1 + VectorBacklog.SENTENCE_WINDOW + 5);
        try (LuceneIndex index = LuceneIndex.open(dir, stopping)) {
            for (Article a : articles) {
                index.put(a);
            }
            index.commit();
            index.awaitVectors(n -> { });
            assertThrows(IllegalStateException.class, () -> index.awaitSentenceVectors(n -> { }));
            waiting = index.pendingSentenceVectors();
        }
        assertTrue(waiting > 0 && waiting < total, waiting + " of " + total + " sentences wait");

        // when the index is opened again
        GatedEmbeddingModel resumed = GatedEmbeddingModel.open(model);
        try (LuceneIndex index = LuceneIndex.open(dir, resumed)) {
            // then the same sentences wait, no passage does, and once they are in every sentence has its vector
            assertEquals(0, index.pendingVectors());
            assertEquals(waiting, index.pendingSentenceVectors());
            index.awaitSentenceVectors(n -> { });
            assertEquals(0, index.pendingSentenceVectors());
            assertTrue(resumed.embedded().size() <= waiting, resumed.embedded().size() + " embedded for " + waiting);
            Set<String> hashes = new HashSet<>();
            articles.forEach(a -> sentences(a).forEach(s -> hashes.add(ContentHash.of(s))));
            assertEquals(hashes, index.storedVectors(hashes).keySet());
            // and no passage was embedded again
            Set<String> again = new HashSet<>(resumed.embedded());
            again.retainAll(passageTexts(articles));
            assertEquals(Set.of(), again);
        }
        // and a third start finds nothing waiting
        try (LuceneIndex index = LuceneIndex.open(dir, GatedEmbeddingModel.open(model))) {
            assertEquals(0, index.pendingSentenceVectors());
        }
    }

    @Test
    void aNewVersionOfAnArticleKeepsItsUnchangedSentencesVectors(@TempDir Path dir, @TempDir Path edited) throws Exception {
        // given the sample indexed and drained
        GatedEmbeddingModel counting = GatedEmbeddingModel.open(model);
        List<Article> articles = SampleArticles.read();
        try (LuceneIndex index = drained(dir, counting, articles)) {
            Article old = articles.stream().filter(a -> a.passages().size() > 3).findFirst().orElseThrow();
            int before = counting.embedded().size();

            // when a new version of it comes with one sentence changed
            Passage p = old.passages().get(2);
            String sentence = p.sentenceText(p.sentences().get(0));
            String changedSentence = sentence.replaceFirst("[a-z]", "#");
            String raw = Files.readString(SampleArticles.FOLDER.resolve(old.id()));
            assertTrue(raw.contains(sentence), sentence);
            Path file = Files.writeString(edited.resolve(old.id()), raw.replace(sentence, changedSentence));
            Article changed = new ArticleFolder(edited).read(file, Files.readAllBytes(file));
            assertEquals(old.id(), changed.id());
            index.put(changed);
            index.commit();
            index.awaitSentenceVectors(n -> { });

            // then the changed passage and the changed sentence alone were embedded
            String changedPassage = changed.passages().get(2).text();
            assertTrue(changedPassage.contains(changedSentence), changedPassage);
            assertEquals(List.of(changedPassage, changedSentence), counting.embedded().subList(before, counting.embedded().size()));
            // and every sentence of the new version has its vector document
            assertEquals(sentences(changed).size(), sentenceDocuments(dir, changed.id()));
        }
    }

    @Test
    void removingAnArticleDropsItsSentenceDocuments(@TempDir Path dir) throws Exception {
        // given the sample indexed and drained
        List<Article> articles = SampleArticles.read();
        try (LuceneIndex index = drained(dir, GatedEmbeddingModel.open(model), articles)) {
            Article gone = articles.get(1);
            index.commit();
            assertEquals(sentences(gone).size(), sentenceDocuments(dir, gone.id()));

            // when the article is removed
            index.remove(gone.id());
            index.commit();

            // then its sentence documents are gone, another article's stay
            assertEquals(0, sentenceDocuments(dir, gone.id()));
            assertEquals(sentences(articles.get(0)).size(), sentenceDocuments(dir, articles.get(0).id()));
            // and the hash look-up no longer finds the vectors of its deleted documents, only those other articles hold
            Set<String> own = new HashSet<>();
            sentences(gone).forEach(t -> own.add(ContentHash.of(t)));
            Set<String> elsewhere = new HashSet<>();
            articles.stream().filter(a -> a != gone).forEach(a -> sentences(a).forEach(t -> elsewhere.add(ContentHash.of(t))));
            own.removeAll(elsewhere);
            assertFalse(own.isEmpty());
            assertEquals(Set.of(), index.storedVectors(own).keySet());
        }
    }

    /** The user data of the index's last commit, read as another process would. */
    private static Map<String, String> lastCommit(Path dir) throws Exception {
        try (FSDirectory directory = FSDirectory.open(dir)) {
            return SegmentInfos.readLatestCommit(directory).getUserData();
        }
    }

    private static boolean saysAllIn(Path dir) throws Exception {
        return lastCommit(dir).containsKey("briefing.vectors");
    }

    @Test
    void aCommitSaysEveryVectorIsInOnlyWhenNothingWaits(@TempDir Path dir) throws Exception {
        List<Article> articles = SampleArticles.read();
        Article late = articles.get(articles.size() - 1);
        try (LuceneIndex index = LuceneIndex.open(dir, GatedEmbeddingModel.open(model))) {
            // given articles committed while the embedder is held: the commit does not say every vector is in
            try (LuceneIndex.Hold held = index.holdVectors()) {
                for (Article a : articles.subList(0, articles.size() - 1)) {
                    index.put(a);
                }
                index.commit();
                assertFalse(saysAllIn(dir), lastCommit(dir).toString());
            }
            // when the backlog drains, then its last commit says so
            index.awaitSentenceVectors(n -> { });
            assertTrue(saysAllIn(dir), lastCommit(dir).toString());
            // when one more article comes while the embedder is held, then a commit no longer says so
            index.holdVectors(); // never released: the index closes with the article's vectors waiting
            index.put(late);
            index.commit();
            assertFalse(saysAllIn(dir));
        }
        // nor does the commit that closing the index made
        assertFalse(saysAllIn(dir));
        // and the next open finds its passages and sentences waiting, and them alone
        GatedEmbeddingModel stopped = GatedEmbeddingModel.closed(model);
        try (LuceneIndex index = LuceneIndex.open(dir, stopped)) {
            assertEquals(late.passages().size(), index.pendingVectors());
            assertEquals(sentences(late).size(), index.pendingSentenceVectors());
            stopped.abort(); // else closing waits out the embedder held at the gate with a window of them
        }
    }

    @Test
    void anOpenLooksForWaitingVectorsOnlyWhenTheLastCommitDoesNotSayAllAreIn(@TempDir Path dir) throws Exception {
        // given the sample indexed, drained and closed, then one sentence's vector document deleted behind its back
        List<Article> articles = SampleArticles.read();
        drained(dir, GatedEmbeddingModel.open(model), articles).close();
        assertTrue(saysAllIn(dir));
        Map<String, String> allIn = lastCommit(dir);
        Passage first = articles.get(0).passages().get(0);
        deleteSentenceDocument(dir, first, allIn);

        // when opened with the commit still saying every vector is in, then nothing is looked for
        try (LuceneIndex index = LuceneIndex.open(dir, GatedEmbeddingModel.closed(model))) {
            assertEquals(0, index.pendingSentenceVectors());
        }
        // when opened after a commit without it, then the missing sentence is found and waits
        Map<String, String> without = new HashMap<>(allIn);
        without.remove("briefing.vectors");
        deleteSentenceDocument(dir, first, without);
        GatedEmbeddingModel stopped = GatedEmbeddingModel.closed(model);
        try (LuceneIndex index = LuceneIndex.open(dir, stopped)) {
            assertEquals(0, index.pendingVectors());
            assertEquals(1, index.pendingSentenceVectors());
            stopped.abort();
        }
    }

    /** Deletes the vector document of a passage's first sentence and commits with the given user data. */
    private static void deleteSentenceDocument(Path dir, Passage p, Map<String, String> userData) throws Exception {
        String firstSentenceHash = ContentHash.of(p.sentenceText(p.sentences().get(0)));
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            writer.deleteDocuments(new BooleanQuery.Builder()
                    .add(new TermQuery(LuceneIndex.Kind.SENTENCE.term()), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(LuceneIndex.HASH, firstSentenceHash)), BooleanClause.Occur.FILTER)
                    .build());
            writer.setLiveCommitData(userData.entrySet());
            writer.commit();
        }
    }
}
