package dev.briefing.knowledge.retrieve;

import dev.briefing.knowledge.index.Hit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReciprocalRankFusionTest {

    private static List<Hit> ranking(String ids) {
        List<Hit> hits = new ArrayList<>();
        if (ids == null || ids.isBlank()) {
            return hits;
        }
        int rank = 1;
        for (String id : ids.split(" ")) {
            hits.add(new Hit(id, rank++, 1f));
        }
        return hits;
    }

    @ParameterizedTest(name = "lexical [{0}] + dense [{1}] -> [{2}]")
    @CsvSource(delimiter = '|', value = {
            "a b c | a b c | a b c",
            "a b c | c b a | a c b",   // 1/61 + 1/63 beats b's 2/62; a and c tie, broken by id
            "a b   | c d   | a c b d",
            "a     |       | a",
            "      | x y   | x y",
            "a b c | c     | c a b",   // found by both rankings wins
    })
    void fusesByRankNotByScore(String lexical, String dense, String expected) {
        // when
        List<ReciprocalRankFusion.Fused> fused = ReciprocalRankFusion.fuse(ranking(lexical), 1, ranking(dense), 1);
        // then
        assertEquals(expected, String.join(" ", fused.stream().map(ReciprocalRankFusion.Fused::passageId).toList()));
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 0.032787", "1, 2, 0.032522", "2, 2, 0.032258", "3, 3, 0.031746"})
    void scoreIsTheSumOfReciprocalRanks(int lexicalRank, int denseRank, double expected) {
        // given
        List<Hit> lex = List.of(new Hit("p", lexicalRank, 9f));
        List<Hit> den = List.of(new Hit("p", denseRank, 0.5f));
        // when
        double score = ReciprocalRankFusion.fuse(lex, 1, den, 1).get(0).score();
        // then
        assertEquals(expected, score, 1e-6);
    }
}
