package dev.briefing.knowledge;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopicsTest {

    private static Article article(String id, String text) {
        Passage p = new Passage(Passage.idOf(id, 0), id, 0, 0, text.length(), text,
                List.of(new Span(0, text.length())));
        return new Article(id, "title " + id, null, DatePrecision.NONE, "", "", text, "h", List.of(p));
    }

    @Test
    void theNamesMostArticlesMentionComeFirstWithTheirDigits() {
        // given three articles: one name in all three (twice in one), one in two, one in one
        List<Article> articles = List.of(
                article("a", "Doctors said Covid-19 cases rose in Kazakhstan, and Covid-19 tests ran out."
                        + " Fans of Blink-182 cheered."),
                article("b", "Officials said Covid-19 spread, and Blink-182 toured."),
                article("c", "Experts said Covid-19 waned."));
        Catalog catalog = new Catalog(3, 3, null, null, 1);
        // when
        String described = Topics.describe(catalog, articles);
        // then each is counted once per article, and none loses its digits ("Covid-", as a name used to end)
        assertEquals("They cover " + catalog.describe() + ", mostly about Covid-19, Blink-182 and Kazakhstan.",
                described);
    }

    @Test
    void aNameIsNotListedBesideItsInitialsNorAsTheTailOfALongerName() {
        // given "US" and "United States" in two articles each, and "Images" only as the tail of a photo credit
        List<Article> articles = List.of(
                article("a", "Officials said the US will act. Photo: staff/AFP/Getty Images."),
                article("b", "The United States will act, officials said. Photo: Getty Images."),
                article("c", "Reports said the US and the United States differ, and Kazakhstan agreed."));
        Catalog catalog = new Catalog(3, 3, null, null, 1);
        // when
        String described = Topics.describe(catalog, articles);
        // then the country is named once, by its longer name, and the credit's tail is no topic
        assertEquals("They cover " + catalog.describe() + ", mostly about United States and Kazakhstan.", described);
    }
}
