package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AcronymsTest {

    /** Articles that say "UK", "WFP", "WHO", "FDA", "NFL" and "AI", and define one acronym. */
    private static final Acronyms ARTICLES = Acronyms.of(List.of(
            article("a", "The UK's health service, the WFP and the WHO warned of a hungry winter."
                    + " The FDA approved a booster."),
            article("b", "The NFL suspended him for six games. AI tools wrote the ads."),
            article("c", "The Collective Security Treaty Organization (CSTO) sent troops.")));

    private static Article article(String id, String text) {
        Passage p = new Passage(Passage.idOf(id, 0), id, 0, 0, text.length(), text,
                List.of(new Span(0, text.length())));
        return new Article(id, "title " + id, null, DatePrecision.NONE, "", "", text, "h", List.of(p));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Who became prime minister of the United Kingdom? | United Kingdom=UK",
            "Which virus worries the World Health Organization? | ''",
            "Which virus worries the World Food Programme? | World Food Programme=WFP",
            "What did the Food and Drug Administration approve? | Food and Drug Administration=FDA",
            "National Football League rules: how long was he suspended? | National Football League=NFL",
            "Did the United Kingdom and the World Food Programme agree? | United Kingdom=UK, World Food Programme=WFP",
            "What did Boris Johnson say? | ''",
            "When did Artemis I launch? | ''",
            "What did The CDC say? | ''",
            "Who leads the United States? | ''",
    })
    void aNameSpelledOutIsAbbreviatedOnlyAsTheArticlesAbbreviateIt(String question, String expected) {
        // "US" stands in no article here, "WHO" reads as a question word, and a name holding a numeral or an acronym
        // has no initials to take
        Map<String, String> found = ARTICLES.abbreviations(question);
        assertEquals(expected, found.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .reduce((x, y) -> x + ", " + y).orElse(""));
    }

    @Test
    void retrievalSearchesTheAcronymBesideTheNameAndTheNameBesideTheAcronym() {
        assertEquals("Which virus worries the World Food Programme? WFP",
                ARTICLES.expandAll("Which virus worries the World Food Programme?"));
        assertEquals("Who joined the CSTO? The Collective Security Treaty Organization",
                ARTICLES.expandAll("Who joined the CSTO?"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "The UK and the EU met. | UK EU",
            "NASA's probe hit it; I saw a McDonald's and an ICBM2. | NASA",
            "A TOOLONGWORD stays out, as does a lone capital A. | ''",
    })
    void theAcronymsATextUsesAreItsWordsOfTwoToSevenCapitals(String text, String expected) {
        Set<String> found = new HashSet<>();
        Acronyms.collectCapitals(text, found);
        assertEquals(expected.isEmpty() ? Set.of() : Set.of(expected.split(" ")), found);
    }
}
