package dev.briefing.knowledge.retrieve;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireCopiesTest {

    private static final String WIRE = "The alliance spoke of a total of around 2,500 foreign soldiers.";

    private static Article article(String id, LocalDate date, DatePrecision precision, String text) {
        Passage p = new Passage(Passage.idOf(id, 0), id, 0, 0, text.length(), text, List.of(new Span(0, text.length())));
        return new Article(id, "title " + id, date, precision, "", "", text, "h", List.of(p));
    }

    @Test
    void copiesFoldIntoTheBestDatedOneAndLeaveRoomForOtherEvidence() {
        // given three copies (one undated, one dated later, one dated earliest) ranked before other evidence
        Map<String, Article> articles = Map.of(
                "undated", article("undated", null, DatePrecision.NONE, WIRE),
                "later", article("later", LocalDate.of(2022, 1, 8), DatePrecision.METADATA, WIRE),
                "first", article("first", LocalDate.of(2022, 1, 7), DatePrecision.METADATA, WIRE + " "),
                "other", article("other", LocalDate.of(2022, 1, 9), DatePrecision.METADATA, "Flights were cancelled until noon."));
        List<ScoredPassage> ranked = new ArrayList<>();
        for (String id : List.of("undated", "later", "first", "other")) {
            ranked.add(new ScoredPassage(articles.get(id).passages().get(0), 4.0 - ranked.size(), null, null));
        }
        // when
        List<ScoredPassage> folded = WireCopies.fold(ranked, 2, articles::get);
        // then
        assertEquals(List.of("first", "other"), folded.stream().map(s -> s.passage().articleId()).toList());
        assertEquals(List.of("later", "undated"), folded.get(0).copies().stream().map(Passage::articleId).sorted().toList());
    }

    @Test
    void passagesOfOneArticleAreNeverCopiesOfEachOther() {
        // given
        Article a = article("a", LocalDate.of(2022, 1, 7), DatePrecision.METADATA, WIRE);
        ScoredPassage p = new ScoredPassage(a.passages().get(0), 1, null, null);
        // when
        List<ScoredPassage> folded = WireCopies.fold(List.of(p, p), 5, id -> a);
        // then
        assertEquals(2, folded.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " -- ", "The alliance spoke of around 2,500 foreign soldiers.", "Élysée's café: ½ price at Ⅻ",
            "naïve 😀 emoji 𝔘nicode٣", "İSTANBUL ǅemal", "tab\tand\nnewline"})
    void wordsAreTheRunsOfLettersAndNumbersThePatternFinds(String text) {
        // given the words as the regular expression split found them before
        Set<String> expected = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).collect(Collectors.toSet());
        // when, then
        assertEquals(expected, WireCopies.words(text));
    }

    @ParameterizedTest
    @CsvSource({"10, 10, true", "8, 10, true", "10, 8, true", "7, 10, false", "10, 7, false", "0, 5, false"})
    void setsTooDifferentInSizeCannotShareEnoughWords(int a, int b, boolean may) {
        // given two sets of these sizes sharing as many words as they can
        Set<String> small = new HashSet<>();
        Set<String> large = new HashSet<>();
        for (int i = 0; i < Math.max(a, b); i++) {
            large.add("w" + i);
            if (i < Math.min(a, b)) {
                small.add("w" + i);
            }
        }
        // when, then the size test says so exactly when the Jaccard index can reach the threshold
        assertEquals(may, WireCopies.mayShare(a, b, WireCopies.SAME_TEXT));
        assertEquals(may, WireCopies.jaccard(small, large) >= WireCopies.SAME_TEXT);
        assertTrue(may || !WireCopies.mayShare(b, a, WireCopies.SAME_TEXT));
    }
}
