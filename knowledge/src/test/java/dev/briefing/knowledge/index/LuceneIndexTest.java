package dev.briefing.knowledge.index;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.embed.BatchedOnnxEmbeddingModel;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Lucene index on disk: what a hit reads, and how. */
class LuceneIndexTest {

    private static BatchedOnnxEmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        model = BatchedOnnxEmbeddingModel.bgeSmallEnV15Quantized();
    }

    /** Indexes each article in a segment of its own, vectors included. */
    private static LuceneIndex indexed(Path dir, List<Article> articles) throws Exception {
        LuceneIndex index = LuceneIndex.open(dir, model);
        for (Article a : articles) {
            index.put(a);
            index.commit();
        }
        index.awaitVectors(n -> { });
        return index;
    }

    @Test
    void aSentenceGetsTheSameVectorWhateverItIsEmbeddedWith(@TempDir Path one, @TempDir Path other) throws Exception {
        // given two empty indexes, so neither has a vector cached
        String sentence = "The organization spoke of a total of around 2,500 soldiers.";
        try (LuceneIndex a = LuceneIndex.open(one, model); LuceneIndex b = LuceneIndex.open(other, model)) {
            // when the sentence is embedded alone in one, and among longer texts in the other
            float[] alone = a.embedDocuments(List.of(sentence)).get(0);
            float[] among = b.embedDocuments(List.of("Unrest in the former Soviet republic was triggered by displeasure "
                    + "at the rise in fuel prices at petrol stations, and turned into protests against the government.",
                    sentence, "Russian paratroopers were among them.")).get(1);
            // then the vectors are the same: the answer to a question does not depend on what was asked before it
            org.junit.jupiter.api.Assertions.assertArrayEquals(alone, among);
        }
    }

    @Test
    void aNewVersionWithTheSamePassagesKeepsTheirDocumentsAndReplacesItsOwn(@TempDir Path dir) throws Exception {
        // given the sample indexed, every passage and sentence with its vector
        List<Article> articles = SampleArticles.read();
        Article first = articles.get(0);
        LocalDate day = LocalDate.of(2022, 6, 24);
        Map<String, Integer> before;
        try (LuceneIndex index = indexed(dir, articles)) {
            index.awaitSentenceVectors(n -> { });
            index.commit();
            before = documentsOf(dir, first.id());
            // when a version of one article that differs only in its date is put, as a new reading of its file gives
            index.put(new Article(first.id(), first.title(), day, DatePrecision.FILE_NAME, first.source(), first.url(),
                    first.text(), first.hash() + "-reread", first.passages()));
            index.commit();
            // then it has its new date, and nothing waits for a vector
            assertEquals(day, index.article(first.id()).orElseThrow().date());
            assertEquals(0, index.pendingVectors());
            assertEquals(0, index.pendingSentenceVectors());
        }
        // and on disk the article has one document of its own, as before, and the same passages, sentences and vectors
        assertEquals(1, before.get("article"));
        assertEquals(first.passages().size(), before.get("passage"));
        assertEquals(before, documentsOf(dir, first.id()));
        // and the index opened again reads the new date, with the article's passages found by their vectors
        try (LuceneIndex index = LuceneIndex.open(dir, model)) {
            assertEquals(day, index.article(first.id()).orElseThrow().date());
            assertEquals(0, index.pendingVectors());
            Passage p = first.passages().get(0);
            assertTrue(index.nearest(index.embedQuery(p.text()), 3).stream().anyMatch(h -> h.passageId().equals(p.id())));
        }
    }

    /** How many live documents of each type the article has in the index's last commit. */
    private static Map<String, Integer> documentsOf(Path dir, String articleId) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher s = new IndexSearcher(reader);
            for (LuceneIndex.Kind kind : LuceneIndex.Kind.values()) {
                out.put(kind.value, s.count(new BooleanQuery.Builder()
                        .add(new TermQuery(kind.term()), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(LuceneIndex.ARTICLE_ID, articleId)), BooleanClause.Occur.FILTER)
                        .build()));
            }
        }
        return out;
    }

    @Test
    void passageDocumentsStoreNothingAndHitsReadTheirIdsFromDocValues(@TempDir Path dir) throws Exception {
        // given the sample indexed in several segments
        List<Article> articles = SampleArticles.read();
        try (LuceneIndex index = indexed(dir, articles)) {
            // when a keyword and a vector search run
            List<String> term = index.analyze("escalation");
            List<Hit> lexical = index.bm25(term, Set.of(), 50);
            List<Hit> dense = index.nearest(index.embedQuery("Who is the president of Kazakhstan?"), 10);

            // then the keyword hits are exactly the passages whose analyzed text holds the term, and vectors find
            // passages too
            Set<String> holding = articles.stream().flatMap(a -> a.passages().stream())
                    .filter(p -> index.analyze(p.text()).contains(term.get(0))).map(Passage::id).collect(Collectors.toSet());
            assertFalse(holding.isEmpty());
            assertEquals(holding, lexical.stream().map(Hit::passageId).collect(Collectors.toSet()));
            assertEquals(10, dense.size());
            dense.forEach(h -> assertTrue(index.passage(h.passageId()).isPresent(), h.passageId()));
        }
        // and on disk, passage and vector documents hold no stored field: only articles store (their JSON)
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher s = new IndexSearcher(reader);
            for (LuceneIndex.Kind kind : List.of(LuceneIndex.Kind.PASSAGE, LuceneIndex.Kind.VECTOR)) {
                TopDocs docs = s.search(new TermQuery(kind.term()), Integer.MAX_VALUE);
                assertTrue(docs.scoreDocs.length > 0, kind.value);
                for (ScoreDoc d : docs.scoreDocs) {
                    assertTrue(s.storedFields().document(d.doc).getFields().isEmpty(), kind.value + " " + d.doc);
                }
            }
            assertTrue(reader.leaves().size() > 1, "expected several segments, got " + reader.leaves().size());
        }
    }

    @Test
    void passageIdsComeBackInTheHitsOrderAcrossSegments(@TempDir Path dir) throws Exception {
        // given passages in several segments, and their ids known
        List<Article> articles = SampleArticles.read();
        Set<String> expected = articles.stream().flatMap(a -> a.passages().stream()).map(Passage::id)
                .collect(Collectors.toSet());
        try (LuceneIndex ignored = indexed(dir, articles);
             DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher s = new IndexSearcher(reader);
            ScoreDoc[] passages = s.search(new TermQuery(LuceneIndex.Kind.PASSAGE.term()), Integer.MAX_VALUE).scoreDocs;
            String[] inDocOrder = LuceneIndex.passageIds(s, passages);

            // when the same hits are asked in a shuffled (rank-like) order
            List<ScoreDoc> shuffled = new ArrayList<>(Arrays.asList(passages));
            Collections.shuffle(shuffled, new Random(7));
            String[] ids = LuceneIndex.passageIds(s, shuffled.toArray(ScoreDoc[]::new));

            // then each hit gets its own id, in the order asked, and every passage is there once
            for (int i = 0; i < shuffled.size(); i++) {
                int at = Arrays.asList(passages).indexOf(shuffled.get(i));
                assertEquals(inDocOrder[at], ids[i]);
            }
            assertEquals(expected, Set.of(ids));
            assertEquals(expected.size(), ids.length);
            assertTrue(reader.leaves().size() > 1, "expected several segments");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "What did Germany decide about arms exports to Kazakhstan?",
            "How many soldiers did the CSTO send to Almaty after the protests over fuel prices?",
            "Who is Ablyazov and what did he say about the government of Kazakhstan and its president?",
            "escalation"})
    void keywordHitsAreThoseOfTheQueryFilteredToPassages(String question, @TempDir Path dir) throws Exception {
        // given the sample indexed in several segments, and the terms of a long question
        try (LuceneIndex index = indexed(dir, SampleArticles.read())) {
            List<String> terms = index.analyze(question);

            // when the index's keyword search runs, and the same terms run as a disjunction filtered to passages,
            // scored exhaustively
            List<Hit> hits = index.bm25(terms, Set.of(), 50);
            List<String> expected = new ArrayList<>();
            List<Float> scores = new ArrayList<>();
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
                IndexSearcher s = new IndexSearcher(reader);
                s.setSimilarity(new BM25Similarity(LuceneIndex.BM25_K1, LuceneIndex.BM25_B));
                BooleanQuery.Builder q = new BooleanQuery.Builder();
                terms.forEach(t -> q.add(new TermQuery(new Term(LuceneIndex.TEXT, t)), BooleanClause.Occur.SHOULD));
                q.add(new TermQuery(LuceneIndex.Kind.PASSAGE.term()), BooleanClause.Occur.FILTER);
                q.setMinimumNumberShouldMatch(1);
                ScoreDoc[] top = s.search(q.build(), 50).scoreDocs;
                String[] ids = LuceneIndex.passageIds(s, top);
                for (int i = 0; i < top.length; i++) {
                    if (!expected.contains(ids[i])) {
                        expected.add(ids[i]);
                        scores.add(top[i].score);
                    }
                }
            }

            // then they find the same passages, in the same order, with the same scores
            assertFalse(expected.isEmpty());
            assertEquals(expected, hits.stream().map(Hit::passageId).toList());
            assertEquals(scores, hits.stream().map(Hit::score).toList());
        }
    }

    @Test
    void anArticleHoldsTheTermsOfItsOwnPassagesOnly(@TempDir Path dir) throws Exception {
        // given the sample indexed, one article, a word of its own and a word only another article holds
        List<Article> articles = SampleArticles.read();
        try (LuceneIndex index = indexed(dir, articles)) {
            Article one = articles.get(0);
            Set<String> own = one.passages().stream().flatMap(p -> index.analyze(p.text()).stream())
                    .collect(Collectors.toSet());
            String mine = own.iterator().next();
            String theirs = articles.stream().skip(1).flatMap(a -> a.passages().stream())
                    .flatMap(p -> index.analyze(p.text()).stream()).filter(t -> !own.contains(t))
                    .findFirst().orElseThrow();
            // then the index answers from its postings, for that article alone
            assertTrue(index.articleHolds(one.id(), mine), mine);
            assertFalse(index.articleHolds(one.id(), theirs), theirs);
            assertFalse(index.articleHolds("no-such-article", mine));
        }
    }

    @Test
    void aQueryOfMoreTermsThanLuceneTakesKeepsThoseThatFindPassages(@TempDir Path dir) throws Exception {
        // given the sample indexed, and a pasted page: thousands of words no passage holds, misspellings searched
        // fuzzily (each expanding to the words near it), and one word that passages hold
        List<Article> articles = SampleArticles.read();
        try (LuceneIndex index = indexed(dir, articles)) {
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                terms.add("zq" + i);
            }
            List<String> misspelt = List.of("kazakhstam", "goverment", "presidemt", "protestz", "soldiere", "almatu");
            for (int i = 0; i < 40; i++) {
                terms.addAll(misspelt);
            }
            String held = index.analyze("escalation").get(0);
            terms.add(held);
            assertTrue(terms.size() > IndexSearcher.getMaxClauseCount());

            // when it is searched for every passage
            Set<String> hits = index.bm25(terms, Set.copyOf(misspelt), 10_000).stream().map(Hit::passageId)
                    .collect(Collectors.toSet());

            // then it runs, and finds each passage that holds the word or what a misspelling is near
            Set<String> holding = articles.stream().flatMap(a -> a.passages().stream())
                    .filter(p -> index.analyze(p.text()).contains(held)
                            || index.analyze(p.text()).contains(index.analyze("Kazakhstan").get(0)))
                    .map(Passage::id).collect(Collectors.toSet());
            assertFalse(holding.isEmpty());
            assertTrue(hits.containsAll(holding), "missing: " + holding.stream().filter(h -> !hits.contains(h)).toList());
        }
    }
}
