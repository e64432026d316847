package dev.briefing.knowledge.summarize;

import dev.briefing.knowledge.article.Article;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DayVersionTest {

    static final LocalDate DAY = LocalDate.of(2022, 1, 7);
    final Article a = Articles.article("a", DAY, "Alpha text about one thing.");
    final Article b = Articles.article("b", DAY, "Beta text about another thing.");

    @Test
    void orderOfArticlesDoesNotMatter() {
        assertEquals(DayVersion.of("x", List.of(a, b), List.of()), DayVersion.of("x", List.of(b, a), List.of()));
    }

    @Test
    void changingAddingOrRemovingAnArticleChangesTheVersion() {
        // given
        String v = DayVersion.of("x", List.of(a, b), List.of());
        Article changed = Articles.article("b", DAY, "Beta text, corrected.");

        // then
        assertNotEquals(v, DayVersion.of("x", List.of(a, changed), List.of()));
        assertNotEquals(v, DayVersion.of("x", List.of(a), List.of()));
        assertNotEquals(v, DayVersion.of("x", List.of(a, b, Articles.article("c", DAY, "Gamma.")), List.of()));
    }

    @Test
    void theDayBeforeAndTheAlgorithmArePartOfTheVersion() {
        String v = DayVersion.of("x", List.of(a), List.of());
        assertNotEquals(v, DayVersion.of("x", List.of(a), List.of(b)));
        assertNotEquals(v, DayVersion.of("y", List.of(a), List.of()));
        // a day's articles and the day before's are not interchangeable
        assertNotEquals(DayVersion.of("x", List.of(a), List.of(b)), DayVersion.of("x", List.of(b), List.of(a)));
    }
}
