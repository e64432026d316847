package dev.briefing.knowledge.answer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SentenceScoreTest {

    private static Question.Term term(String stem, double idf, boolean proper) {
        return new Question.Term(stem, 1, idf, true, proper, null, false);
    }

    private static Set<String> set(String words) {
        return words == null || words.isBlank() ? Set.of() : Set.of(words.split(" "));
    }

    @ParameterizedTest(name = "sentence [{0}] prev [{1}] passage [{2}] -> {3}")
    @CsvSource(delimiter = '|', value = {
            "port flood |            |            | 1.0",
            "port       | flood      |            | 0.75",   // a word next door earns half
            "port       |            | flood      | 0.65",   // elsewhere in the passage, 0.3
            "port       |            |            | 0.5",
            "           |            |            | 0.0",
    })
    void coverageWeighsWhereEachTermStands(String sentence, String previous, String passage, double expected) {
        // given two equally rare words
        List<Question.Term> terms = List.of(term("port", 2, false), term("flood", 2, false));
        // when
        double[] cov = SentenceScore.coverage(terms, set(sentence), set(previous), Set.of(), set(passage), Set.of(), false, 0);
        // then
        assertEquals(expected, cov[0], 1e-9);
    }

    @Test
    void aNameNextDoorEarnsMoreThanAWordAndANameNowhereIsMissing() {
        // given
        List<Question.Term> terms = List.of(term("macron", 2, true), term("visit", 2, false));
        // when
        double[] nameNext = SentenceScore.coverage(terms, set("visit"), set("macron"), Set.of(), Set.of(), Set.of(), false, 0);
        double[] nameAbsent = SentenceScore.coverage(terms, set("visit"), Set.of(), Set.of(), Set.of(), Set.of(), false, 0.99);
        // then
        assertEquals(0.9, nameNext[0], 1e-9);
        assertEquals(0.0, nameNext[4]);
        assertEquals(1.0, nameAbsent[4], "a name no paraphrase can stand for");
    }

    @Test
    void aGivenNameCountsWhenTheSurnameIsThere() {
        // given "Emmanuel Macron"
        List<Question.Term> terms = List.of(
                new Question.Term("emmanuel", 1, 3, true, true, "macron", false), term("macron", 3, true));
        // when
        double[] cov = SentenceScore.coverage(terms, set("macron urg"), Set.of(), Set.of(), Set.of(), Set.of(), false, 0);
        // then
        assertEquals(1.0, cov[0], 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"0.50, 0.0", "0.86, 0.0", "0.90, 0.3", "0.94, 0.6", "0.99, 0.6"})
    void paraphraseCreditRisesWithDenseSimilarity(double dense, double expected) {
        assertEquals(expected, SentenceScore.paraphraseCredit(dense), 1e-9);
    }
}
