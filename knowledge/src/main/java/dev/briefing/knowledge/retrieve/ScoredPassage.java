package dev.briefing.knowledge.retrieve;

import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.index.Hit;

import java.util.List;

/**
 * A retrieved passage with the parts of its score, so a ranking can be explained.
 *
 * @param passage the passage
 * @param score the fused score (higher is better)
 * @param lexical its BM25 hit, or null when BM25 did not find it
 * @param dense its nearest-neighbour hit, or null when vector search did not find it
 * @param copies near-identical passages of other articles (wire copies), folded into this one
 */
public record ScoredPassage(Passage passage, double score, Hit lexical, Hit dense, List<Passage> copies) {

    public ScoredPassage {
        copies = List.copyOf(copies);
    }

    public ScoredPassage(Passage passage, double score, Hit lexical, Hit dense) {
        this(passage, score, lexical, dense, List.of());
    }

    /** Cosine similarity to the question as Lucene maps it to [0, 1]; 0 when vector search missed it. */
    public double denseScore() {
        return dense == null ? 0 : dense.score();
    }
}
