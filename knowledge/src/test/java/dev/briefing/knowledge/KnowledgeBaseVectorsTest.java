package dev.briefing.knowledge;

import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Conversation;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.embed.BatchedOnnxEmbeddingModel;
import dev.briefing.knowledge.index.GatedEmbeddingModel;
import dev.briefing.knowledge.retrieve.HybridRetriever;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Searchable at once, vectors after: the real index on disk and the real bge-small model, behind a gate the test
 * opens, so the index is seen before, during and after the background embedder runs.
 */
class KnowledgeBaseVectorsTest {

    private static final Path SAMPLE = Path.of("..", "articles");
    private static final String QUESTION = "What is the CSTO?";
    private static final String CSTO = "The Collective Security Treaty Organization (CSTO) includes Russia and Kazakhstan";
    private static BatchedOnnxEmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        model = BatchedOnnxEmbeddingModel.bgeSmallEnV15Quantized();
    }


    private static Path copySample(Path dir, String... only) throws IOException {
        Path articles = Files.createDirectories(dir.resolve("articles"));
        Set<String> keep = Set.of(only);
        try (Stream<Path> files = Files.list(SAMPLE)) {
            for (Path f : files.sorted().toList()) {
                if (keep.isEmpty() || keep.contains(f.getFileName().toString())) {
                    Files.copy(f, articles.resolve(f.getFileName()));
                }
            }
        }
        return articles;
    }

    private static List<String> sampleNames() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLE)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static KnowledgeBase open(Path articles, Path data, GatedEmbeddingModel embedder) throws IOException {
        return KnowledgeBase.open(new KnowledgeSettings(articles, data), embedder);
    }

    private static Set<String> sentenceTexts(KnowledgeBase kb, Set<String> articleIds) {
        return kb.articles().stream().filter(a -> articleIds.contains(a.id()))
                .flatMap(a -> a.passages().stream())
                .flatMap(p -> p.sentences().stream().map(p::sentenceText)).collect(Collectors.toSet());
    }

    private static Set<String> allPassageTexts(KnowledgeBase kb) {
        return kb.articles().stream().flatMap(a -> a.passages().stream()).map(Passage::text).collect(Collectors.toSet());
    }

    private static Set<String> passageTexts(KnowledgeBase kb, Set<String> articleIds) {
        return kb.articles().stream().filter(a -> articleIds.contains(a.id()))
                .flatMap(a -> a.passages().stream()).map(Passage::text).collect(Collectors.toSet());
    }

    @Test
    void answersByKeywordsBeforeTheVectorsAndWithThemAfter(@TempDir Path dir) throws Exception {
        // given an embedder held back
        GatedEmbeddingModel embedder = GatedEmbeddingModel.closed(model);
        try (KnowledgeBase kb = open(copySample(dir), dir.resolve("data"), embedder)) {
            // when the folder is read without waiting for vectors
            SyncReport read = kb.sync(SyncListener.NONE, KnowledgeBase.Vectors.IN_BACKGROUND);

            // then every passage waits, nothing is found by vectors, and the question is answered by BM25
            assertEquals(read.passages(), read.pendingVectors());
            assertEquals(read.passages(), kb.catalog().pendingVectors());
            assertTrue(kb.search(QUESTION, 10, HybridRetriever.Ranking.DENSE).isEmpty());
            // (whether the answerer then answers is the learned model's call; that it can is what BM25 gives)
            assertTrue(kb.candidates(QUESTION, Conversation.empty()).stream().anyMatch(c -> c.text().contains(CSTO)));

            // and when the embedder runs and the backlog drains
            embedder.release();
            kb.awaitVectors(SyncListener.NONE);

            // then nothing waits, vectors find the passage, and the answer stands
            assertEquals(0, kb.pendingVectors());
            assertEquals("", kb.catalog().vectorProgress());
            List<Passage> dense = kb.search(QUESTION, 10, HybridRetriever.Ranking.DENSE);
            assertFalse(dense.isEmpty());
            assertTrue(dense.stream().anyMatch(p -> p.text().contains(CSTO)));
            assertTrue(kb.candidates(QUESTION, Conversation.empty()).stream().anyMatch(c -> c.text().contains(CSTO)));
        }
    }

    @Test
    void aQuestionAskedForTheFirstTimeEmbedsOnlyItselfOnceTheSentenceVectorsAreIn(@TempDir Path dir) throws Exception {
        // given the sample read, passages embedded, and the sentences' vectors not in yet
        GatedEmbeddingModel counting = GatedEmbeddingModel.open(model);
        try (KnowledgeBase kb = open(copySample(dir), dir.resolve("data"), counting)) {
            kb.sync(SyncListener.NONE);

            // when the background embedder has stored every sentence's vector
            kb.awaitSentenceVectors(n -> { });
            int before = counting.embedded().size();
            Set<String> sentences = sentenceTexts(kb, kb.articles().stream().map(Article::id).collect(Collectors.toSet()));

            // then nothing waits, and a question never asked embeds itself and no sentence
            assertEquals(0, kb.pendingSentenceVectors());
            assertTrue(kb.candidates(QUESTION, Conversation.empty()).stream().anyMatch(c -> c.text().contains(CSTO)));
            List<String> asked = counting.embedded().subList(before, counting.embedded().size());
            // once: with its acronym spelled out and the query instruction, for retrieval and the cosines alike
            assertEquals(List.of("Represent this sentence for searching relevant passages: " + QUESTION
                    + " The Collective Security Treaty Organization"), asked);
            assertFalse(sentences.contains(asked.get(0)));
        }
    }

    @Test
    void theWarmUpAnswersInTheBackgroundWhileAUserQuestionIsAnswered(@TempDir Path dir) throws Exception {
        // given a synced knowledge base whose model holds the warm-up's first question until the test lets it through
        GatedEmbeddingModel held = GatedEmbeddingModel.holding(model,
                "Represent this sentence for searching relevant passages: " + KnowledgeBase.WARM_UP_QUESTIONS.get(0));
        try (KnowledgeBase kb = open(copySample(dir), dir.resolve("data"), held)) {
            kb.sync(SyncListener.NONE);

            // when the warm-up starts, and a user asks while it waits at the model
            CompletableFuture<Integer> warm = kb.warmUpAnswers();
            Answer answer = kb.ask(QUESTION, Conversation.empty());

            // then the user's question is answered without waiting for it, and the warm-up is not over
            assertTrue(answer.citations().stream().anyMatch(c -> c.quote().contains("Collective Security Treaty")),
                    answer.text());
            assertFalse(warm.isDone());
            assertSame(warm, kb.warmUpAnswers());

            // when the model lets it through, then it ends, having answered each of its questions each round, and
            // embedded each once: a repeat reuses the question's vector, so it runs only the answer path's Java part
            held.release();
            assertEquals(KnowledgeBase.WARM_UP_QUESTIONS.size() * KnowledgeBase.WARM_UP_ROUNDS,
                    warm.get(2, TimeUnit.MINUTES));
            for (String q : KnowledgeBase.WARM_UP_QUESTIONS) {
                assertEquals(1, held.embedded().stream().filter(t -> t.startsWith(
                        "Represent this sentence for searching relevant passages: " + q)).count(), q);
            }
        }
    }

    @Test
    void aRestartInTheMiddleEmbedsOnlyWhatStillWaits(@TempDir Path dir) throws Exception {
        // given three articles fully embedded
        List<String> names = sampleNames();
        Path articles = copySample(dir, names.get(0), names.get(1), names.get(2));
        Path data = dir.resolve("data");
        try (KnowledgeBase kb = open(articles, data, GatedEmbeddingModel.open(model))) {
            kb.sync(SyncListener.NONE);
            kb.awaitSentenceVectors(n -> { });
        }
        // and two more read, but their embedding cut off before any vector was written
        for (String n : names.subList(3, names.size())) {
            Files.copy(SAMPLE.resolve(n), articles.resolve(n));
        }
        GatedEmbeddingModel cutOff = GatedEmbeddingModel.closed(model);
        int waiting;
        try (KnowledgeBase kb = open(articles, data, cutOff)) {
            waiting = kb.sync(SyncListener.NONE, KnowledgeBase.Vectors.IN_BACKGROUND).pendingVectors();
            cutOff.abort();
            IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> kb.awaitVectors(SyncListener.NONE));
            assertTrue(stopped.getMessage().contains("embedded at the next start"), stopped.getMessage());
            assertEquals(waiting, kb.pendingVectors());
        }
        assertTrue(waiting > 0);

        // when the index is opened again
        GatedEmbeddingModel resumed = GatedEmbeddingModel.open(model);
        try (KnowledgeBase kb = open(articles, data, resumed)) {
            // then the backlog is found again before any sync, and drains
            assertEquals(waiting, kb.pendingVectors());
            kb.awaitVectors(SyncListener.NONE);
            assertEquals(0, kb.pendingVectors());
            kb.awaitSentenceVectors(n -> { });

            // and only the two new articles' passages and sentences were embedded: the first three kept their vectors
            Set<String> newIds = Set.copyOf(names.subList(3, names.size()));
            Set<String> oldIds = Set.copyOf(names.subList(0, 3));
            Set<String> embedded = new HashSet<>(resumed.embedded());
            Set<String> embeddedPassages = new HashSet<>(embedded);
            embeddedPassages.retainAll(allPassageTexts(kb));
            assertEquals(passageTexts(kb, newIds), embeddedPassages);
            Set<String> newTexts = new HashSet<>(passageTexts(kb, newIds));
            newTexts.addAll(sentenceTexts(kb, newIds));
            assertTrue(newTexts.containsAll(embedded));
            Set<String> reEmbedded = new HashSet<>(passageTexts(kb, oldIds));
            reEmbedded.addAll(sentenceTexts(kb, oldIds));
            reEmbedded.removeAll(newTexts);
            reEmbedded.retainAll(embedded);
            assertEquals(Set.of(), reEmbedded);
            assertTrue(kb.ask(QUESTION, Conversation.empty()).answered());
        }
    }

    @Test
    void aStopPartWayThroughTheBacklogKeepsTheVectorsInAndTheRestResumeAtTheNextStart(@TempDir Path dir) throws Exception {
        // given a folder of more unique passages than one window of the backlog (each paragraph marked with its copy)
        Path articles = Files.createDirectories(dir.resolve("articles"));
        for (int copy = 0; copy < 2; copy++) {
            for (String n : sampleNames()) {
                String marked = Files.readString(SAMPLE.resolve(n)).replaceAll("([.!?\"”])(\\s*\\n\\s*\\n)", "$1 (Copy " + copy + ".)$2");
                Files.writeString(articles.resolve(copy + "_" + n), marked + "\n\nFiled as copy " + copy + ".\n");
            }
        }
        Path data = dir.resolve("data");

        // when the embedder stops after its first window, and the process closes the index
        GatedEmbeddingModel firstWindowOnly = GatedEmbeddingModel.failingAfter(model, 1);
        int passages;
        int waiting;
        Set<String> firstWindow;
        try (KnowledgeBase kb = open(articles, data, firstWindowOnly)) {
            passages = kb.sync(SyncListener.NONE, KnowledgeBase.Vectors.IN_BACKGROUND).passages();
            assertThrows(IllegalStateException.class, () -> kb.awaitVectors(SyncListener.NONE));
            waiting = kb.pendingVectors();
            firstWindow = Set.copyOf(firstWindowOnly.embedded());
            // then some passages have their vector and the others wait, and the question is answerable meanwhile
            assertTrue(waiting > 0 && waiting < passages, waiting + " of " + passages + " wait");
            assertFalse(kb.search(QUESTION, 10, HybridRetriever.Ranking.DENSE).isEmpty());
            assertTrue(kb.candidates(QUESTION, Conversation.empty()).stream().anyMatch(c -> c.text().contains(CSTO)));
        }

        // and when the index is opened again
        GatedEmbeddingModel resumed = GatedEmbeddingModel.open(model);
        try (KnowledgeBase kb = open(articles, data, resumed)) {
            // then the same passages wait, the backlog drains, and none of the first window's texts is embedded
            // again: their vectors were kept
            assertEquals(waiting, kb.pendingVectors());
            kb.awaitVectors(SyncListener.NONE);
            assertEquals(0, kb.pendingVectors());
            // (the sentences' vectors follow in the background: count passages alone)
            Set<String> embedded = new HashSet<>(resumed.embedded());
            embedded.retainAll(allPassageTexts(kb));
            assertFalse(embedded.isEmpty());
            assertTrue(embedded.size() <= waiting, embedded.size() + " embedded for " + waiting + " waiting");
            embedded.retainAll(firstWindow);
            assertEquals(Set.of(), embedded);
            // and the answer's candidates hold the sentence, now with every vector in
            assertTrue(kb.candidates(QUESTION, Conversation.empty()).stream().anyMatch(c -> c.text().contains(CSTO)));
        }
    }

    @Test
    void aChangedArticleReEmbedsOnlyItsChangedPassage(@TempDir Path dir) throws Exception {
        // given the sample embedded
        Path articles = copySample(dir);
        Path data = dir.resolve("data");
        GatedEmbeddingModel counting = GatedEmbeddingModel.open(model);
        try (KnowledgeBase kb = open(articles, data, counting)) {
            kb.sync(SyncListener.NONE);
            kb.awaitSentenceVectors(n -> { });
            int first = counting.embedded().size();
            Article article = kb.articles().stream().filter(a -> a.passages().size() > 3).findFirst().orElseThrow();
            Passage changed = article.passages().get(2);

            // when one paragraph of one article changes
            Path file = articles.resolve(article.id());
            String text = Files.readString(file);
            Files.writeString(file, text.substring(0, changed.end()) + " The desk added this sentence."
                    + text.substring(changed.end()));
            SyncReport r = kb.sync(SyncListener.NONE);
            kb.awaitSentenceVectors(n -> { });

            // then that paragraph alone is embedded again, and of its sentences the new one alone
            assertEquals(1, r.changed());
            assertEquals(List.of(changed.text() + " The desk added this sentence.", "The desk added this sentence."),
                    counting.embedded().subList(first, counting.embedded().size()));
            assertEquals(0, kb.pendingVectors());
            assertEquals(0, kb.pendingSentenceVectors());
        }
    }

    @Test
    void aWireCopyIsNotEmbeddedAgain(@TempDir Path dir) throws Exception {
        // given the sample embedded
        Path articles = copySample(dir);
        GatedEmbeddingModel counting = GatedEmbeddingModel.open(model);
        try (KnowledgeBase kb = open(articles, dir.resolve("data"), counting)) {
            kb.sync(SyncListener.NONE);
            kb.awaitSentenceVectors(n -> { });
            int first = counting.embedded().size();
            String name = sampleNames().get(0);

            // when the same article arrives again under another name
            Files.copy(articles.resolve(name), articles.resolve("copy-of-" + name));
            SyncReport r = kb.sync(SyncListener.NONE);
            kb.awaitSentenceVectors(n -> { });

            // then it is indexed, and every one of its passages and sentences took its vector by content hash
            assertEquals(1, r.added());
            assertEquals(first, counting.embedded().size());
            assertEquals(0, kb.pendingVectors());
            assertFalse(kb.search(QUESTION, 10, HybridRetriever.Ranking.DENSE).isEmpty());
        }
    }

    @Test
    void theCachedEmbeddingModelServesAnyTextAndKnowsEveryPassage(@TempDir Path dir) throws Exception {
        // given the sample embedded
        GatedEmbeddingModel counting = GatedEmbeddingModel.open(model);
        try (KnowledgeBase kb = open(copySample(dir), dir.resolve("data"), counting)) {
            kb.sync(SyncListener.NONE);
            kb.awaitSentenceVectors(n -> { });
            int first = counting.embedded().size();
            String passage = kb.articles().get(0).passages().get(0).text();

            // when a passage and a new sentence are embedded through the knowledge base's model, twice
            var once = kb.embeddingModel().embedAll(List.of(
                    dev.langchain4j.data.segment.TextSegment.from(passage),
                    dev.langchain4j.data.segment.TextSegment.from("A sentence no article holds."))).content();
            var twice = kb.embeddingModel().embed("A sentence no article holds.").content();

            // then only the new sentence was embedded, once, and vectors have the model's dimension
            assertEquals(List.of("A sentence no article holds."), counting.embedded().subList(first, counting.embedded().size()));
            assertEquals(384, once.get(0).dimension());
            assertEquals(once.get(1), twice);
        }
    }
}
