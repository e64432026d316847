package dev.briefing.knowledge.index;

/**
 * A passage found by one ranking, with its rank and raw score there, so fused rankings stay explainable.
 *
 * @param passageId the passage
 * @param rank 1-based position in the ranking
 * @param score the ranking's own score (BM25, or cosine similarity mapped to [0, 1] by Lucene)
 */
public record Hit(String passageId, int rank, float score) {

    public Hit {
        if (rank < 1) {
            throw new IllegalArgumentException("illegal rank " + rank + ", must be >= 1");
        }
    }
}
