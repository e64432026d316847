package dev.briefing.knowledge.retrieve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.index.Hit;
import dev.briefing.knowledge.index.LuceneIndex;
import dev.briefing.knowledge.index.TermStats;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * BM25 and dense (bge-small) retrieval over the same Lucene index, fused by reciprocal rank. Also a
 * LangChain4j {@link ContentRetriever}, so it plugs into a LangChain4j RAG pipeline when a chat model is used.
 */
public final class HybridRetriever implements Retriever, ContentRetriever {

    /** How deep each ranking is read before fusing: deep enough that wire copies folded away leave k others. */
    static final int DEPTH = 50;
    /** Lexical evidence counts a little more: answers must quote the question's names and numbers. */
    static final double LEXICAL_WEIGHT = 1.0;
    static final double DENSE_WEIGHT = 1.0;

    private final LuceneIndex index;
    private final TermStats stats;
    private final Cache<String, float[]> queryVectors;
    /** Embeds questions off the caller's thread, so BM25 runs meanwhile. */
    private final Executor embedding;
    /** Word sets of passages, for telling wire copies apart; a passage's text never changes under its id within one index version. */
    private final Cache<String, Set<String>> passageWords = Caffeine.newBuilder().maximumSize(50_000).build();

    /**
     * @param index the index to search
     * @param stats term statistics of the index as it is now
     * @param queryVectors a cache of question embeddings shared across index versions (questions repeat)
     * @param embedding runs a question's embedding while the caller's thread searches by BM25
     */
    public HybridRetriever(LuceneIndex index, TermStats stats, Cache<String, float[]> queryVectors, Executor embedding) {
        this.index = index;
        this.stats = stats;
        this.queryVectors = queryVectors;
        this.embedding = embedding;
    }

    /** A cache of question embeddings, bounded so a busy bot does not grow without end. */
    public static Cache<String, float[]> newQueryVectorCache() {
        return Caffeine.newBuilder().maximumSize(10_000).build();
    }

    /** Which rankings to use; {@link #HYBRID} is the default, the others are there to measure it against. */
    public enum Ranking { LEXICAL, DENSE, HYBRID }

    @Override
    public List<ScoredPassage> retrieve(String query, int k) {
        return retrieve(query, k, Ranking.HYBRID);
    }

    /** At most {@code k} passages for {@code query} by the given ranking, best first. */
    public List<ScoredPassage> retrieve(String query, int k, Ranking ranking) {
        // The question's embedding (about 10 ms when not cached) and the BM25 search share no input: run them at once.
        CompletableFuture<float[]> vector = ranking == Ranking.LEXICAL ? null : vectorOf(query);
        Set<String> terms = new LinkedHashSet<>(index.analyze(query));
        Set<String> fuzzy = terms.stream()
                .filter(t -> t.length() >= 5 && stats.docFreq(t) == 0)
                .collect(Collectors.toSet());
        var lexical = ranking == Ranking.DENSE ? List.<Hit>of() : index.bm25(terms, fuzzy, DEPTH);
        var dense = vector == null ? List.<Hit>of() : index.nearest(join(vector), DEPTH);
        List<ScoredPassage> found = new ArrayList<>();
        for (ReciprocalRankFusion.Fused f : ReciprocalRankFusion.fuse(lexical, LEXICAL_WEIGHT, dense, DENSE_WEIGHT)) {
            Optional<Passage> p = index.passage(f.passageId());
            p.ifPresent(passage -> found.add(new ScoredPassage(passage, f.score(), f.lexical(), f.dense())));
        }
        return WireCopies.fold(found, k, id -> index.article(id).orElseThrow(),
                p -> passageWords.get(p.id(), id -> WireCopies.words(p.text())));
    }

    /** The question's vector: from the cache at once, else embedded (and cached) on the embedding executor. */
    private CompletableFuture<float[]> vectorOf(String query) {
        float[] cached = queryVectors.getIfPresent(query);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return CompletableFuture.supplyAsync(() -> queryVectors.get(query, index::embedQuery), embedding);
    }

    /** Waits for the vector; the embedding's own failure is thrown as it was. */
    private static float[] join(CompletableFuture<float[]> vector) {
        try {
            return vector.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public List<Content> retrieve(Query query) {
        List<Content> out = new ArrayList<>();
        for (ScoredPassage sp : retrieve(query.text(), 10)) {
            Passage p = sp.passage();
            Metadata m = new Metadata()
                    .put("passage_id", p.id())
                    .put("article_id", p.articleId())
                    .put("start", p.start())
                    .put("end", p.end());
            out.add(Content.from(TextSegment.from(p.text(), m), Map.of(ContentMetadata.SCORE, sp.score())));
        }
        return out;
    }
}
