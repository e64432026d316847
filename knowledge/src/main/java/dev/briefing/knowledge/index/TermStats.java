package dev.briefing.knowledge.index;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Document frequencies of analyzed terms over passages, and the inverse document frequency BM25 uses,
 * so a question's rare words weigh more than its common ones.
 */
public final class TermStats {

    private final ToIntFunction<String> lookup;
    private final int passages;
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();

    /** Statistics over {@code passages} passages, looking document frequencies up (and remembering them). */
    public TermStats(ToIntFunction<String> docFreq, int passages) {
        this.lookup = docFreq;
        this.passages = passages;
    }

    /** How many passages hold the term (deleted ones may count until segments merge). */
    public int docFreq(String term) {
        return seen.computeIfAbsent(term, lookup::applyAsInt);
    }

    /** BM25's idf, {@code ln(1 + (N - n + 0.5) / (n + 0.5))}; a term no passage holds gets the largest. */
    public double idf(String term) {
        return idf(docFreq(term), passages);
    }

    static double idf(int docFreq, int docs) {
        int n = Math.min(docFreq, docs);
        return Math.log(1 + (docs - n + 0.5) / (n + 0.5));
    }

    public int passages() {
        return passages;
    }
}
