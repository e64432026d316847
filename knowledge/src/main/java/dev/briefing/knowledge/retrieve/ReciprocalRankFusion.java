package dev.briefing.knowledge.retrieve;

import dev.briefing.knowledge.index.Hit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): each ranking adds {@code weight / (k + rank)}.
 * Ranks, not raw scores, are fused, because BM25 scores and cosine similarities are on different scales.
 */
final class ReciprocalRankFusion {

    /** The constant from the paper; damps the advantage of the very first ranks. */
    static final int K = 60;

    private ReciprocalRankFusion() {
    }

    /** A fused entry: the summed score and the hits it came from (null where a ranking missed it). */
    record Fused(String passageId, double score, Hit lexical, Hit dense) {
    }

    static List<Fused> fuse(List<Hit> lexical, double lexicalWeight, List<Hit> dense, double denseWeight) {
        Map<String, Hit> lex = new HashMap<>();
        Map<String, Hit> den = new HashMap<>();
        Map<String, Double> score = new HashMap<>();
        for (Hit h : lexical) {
            lex.put(h.passageId(), h);
            score.merge(h.passageId(), lexicalWeight / (K + h.rank()), Double::sum);
        }
        for (Hit h : dense) {
            den.put(h.passageId(), h);
            score.merge(h.passageId(), denseWeight / (K + h.rank()), Double::sum);
        }
        List<Fused> out = new ArrayList<>();
        score.forEach((id, s) -> out.add(new Fused(id, s, lex.get(id), den.get(id))));
        out.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparing(Fused::passageId));
        return out;
    }
}
