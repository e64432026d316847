package dev.briefing.knowledge.summarize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreTest {

    @ParameterizedTest(name = "{4} in the message")
    @CsvSource({
            "-0.5, 0, 0, 0, illegal centrality value: -0.5",
            "0, 1.5, 0, 0, illegal coverage value: 1.5",
            "0, 0, NaN, 0, illegal position value: NaN",
            "0, 0, 0, 2, illegal novelty value: 2.0",
    })
    void outOfRangePartsAreRefusedByName(double centrality, double coverage, double position, double novelty, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Score(centrality, coverage, position, novelty, 0.5));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void explainShowsTheWeightedParts() {
        // given
        Score s = new Score(0.8, 0.5, 1.0, 0.9, 0.5 * 0.8 + 0.3 * 0.5 + 0.2 * 1.0);

        // when
        String text = s.explain();

        // then
        assertEquals("0.75 = 0.5*centrality 0.80 + 0.3*coverage 0.50 + 0.2*position 1.00 (novelty 0.90)", text);
    }
}
