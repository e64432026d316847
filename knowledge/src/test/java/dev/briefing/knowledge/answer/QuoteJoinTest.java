package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ExtractiveAnswerer#joinAdjacent}: quotes that touch in one article become one, in the article's order. */
class QuoteJoinTest {

    /** Five sentences; the second and third paragraphs are separated by a blank line, the last by a caption credit. */
    private static final String TEXT = "Fans cheer at a watch party. - Voters rejected the amendment on Tuesday.\n\n"
            + "Turnout was high. The vote was close in two counties. Photo: Getty Images The result stands.";
    private static final List<Span> SENTENCES = List.of(
            span("Fans cheer at a watch party."),
            span("- Voters rejected the amendment on Tuesday."),
            span("Turnout was high."),
            span("The vote was close in two counties."),
            span("The result stands."));

    private static Span span(String sentence) {
        int at = TEXT.indexOf(sentence);
        return new Span(at, at + sentence.length());
    }

    @ParameterizedTest(name = "sentences {0} of article {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // the second ranked first, the first after an unrelated one: the pair joins at the better place
            "1 3 0 | a a a | 0-1 3",
            // joined across the paragraph break, then the third quote touches the joined one
            "2 1 3 | a a a | 1-3",
            // nothing but white space may stand between: the credit keeps the last sentence apart
            "3 4 | a a | 3 4",
            // the same offsets in another article are not next to each other
            "0 1 | a b | 0 1",
            "0 | a | 0",
    })
    void quotesThatTouchInOneArticleBecomeOneInTheArticlesOrder(String sentences, String articles, String expected) {
        Article a = article("a.txt");
        Article b = article("b.txt");
        List<ExtractiveAnswerer.Quote> chosen = new ArrayList<>();
        String[] picked = sentences.split(" ");
        String[] in = articles.split(" ");
        for (int i = 0; i < picked.length; i++) {
            Article article = in[i].equals("a") ? a : b;
            Candidate c = new Candidate(article, article.passages().get(0), Integer.parseInt(picked[i]),
                    new double[Features.NAMES.size()], 0);
            chosen.add(new ExtractiveAnswerer.Quote(c, c, c.span()));
        }
        String joined = ExtractiveAnswerer.joinAdjacent(chosen).stream()
                .map(q -> first(q.span()) == last(q.span()) ? String.valueOf(first(q.span()))
                        : first(q.span()) + "-" + last(q.span()))
                .collect(Collectors.joining(" "));
        assertEquals(expected, joined);
    }

    private static int first(Span s) {
        return SENTENCES.stream().filter(x -> x.start() == s.start()).findFirst().map(SENTENCES::indexOf).orElseThrow();
    }

    private static int last(Span s) {
        return SENTENCES.stream().filter(x -> x.end() == s.end()).findFirst().map(SENTENCES::indexOf).orElseThrow();
    }

    private static Article article(String id) {
        Passage p = new Passage(id + "#0", id, 0, 0, TEXT.length(), TEXT, SENTENCES);
        return new Article(id, "Kansas votes", null, DatePrecision.NONE, "", "", TEXT, "hash-" + id, List.of(p));
    }
}
