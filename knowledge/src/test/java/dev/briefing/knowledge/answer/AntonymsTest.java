package dev.briefing.knowledge.answer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AntonymsTest {

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }

    private static final Antonyms WORDS = Antonyms.of(AntonymsTest::words);

    @Test
    void wordNetsPairsHoldBothWaysWithTheAdjectivesGrades() {
        assertTrue(WORDS.contradicts(Set.of("horizontal"), Set.of("vertical")));
        assertTrue(WORDS.contradicts(Set.of("vertical"), Set.of("horizontal")));
        assertTrue(WORDS.contradicts(Set.of("increase"), Set.of("decrease")), "a verb's and a noun's pair");
        assertTrue(WORDS.contradicts(Set.of("weaker"), Set.of("stronger")), "a regular comparative");
        assertTrue(WORDS.contradicts(Set.of("worst"), Set.of("best")), "an irregular superlative");
        assertFalse(WORDS.contradicts(Set.of("horizontal"), Set.of("diagonal")));
    }

    @Test
    void aPairStandsForItsWordsRegularInflections() {
        assertTrue(WORDS.contradicts(Set.of("succeeded"), Set.of("failed")), "a verb's past");
        assertTrue(WORDS.contradicts(Set.of("increases"), Set.of("decreasing")), "a verb's -s against its -ing");
        assertTrue(WORDS.contradicts(Set.of("victories"), Set.of("defeats")), "a noun's plural");
        assertEquals(List.of("close", "closes", "closees", "closed", "closing"), Antonyms.forms("close", "v"));
        assertEquals(List.of("vertical"), Antonyms.forms("vertical", "a"), "an adjective's grades are in the table");
    }

    @Test
    void aSentenceThatAlsoHoldsTheQuestionsWordOrAQuestionThatHoldsBothIsNoContradiction() {
        assertFalse(WORDS.contradicts(Set.of("horizontal"), Set.of("horizontal", "vertical")));
        assertFalse(WORDS.contradicts(Set.of("horizontal", "vertical"), Set.of("vertical")));
    }

    @Test
    void aWordTheAnalyzerDropsLeavesNoEntryAndAStemBothSidesShareIsNoOnesAntonym() {
        // given an analyzer that drops "vertical" and stems every -ing form alike, so "opening" and "closing" share one
        Antonyms stemmed = Antonyms.of(text -> text.equals("vertical") ? List.of()
                : List.of(text.endsWith("ing") ? "ing" : text));
        // then
        assertFalse(stemmed.contradicts(Set.of("horizontal"), Set.of("vertical")));
        assertFalse(stemmed.contradicts(Set.of("open"), Set.of("ing")), "a form of both sides says nothing");
        assertTrue(stemmed.contradicts(Set.of("open"), Set.of("closed")));
    }
}
