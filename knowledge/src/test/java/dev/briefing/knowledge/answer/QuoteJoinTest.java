package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ExtractiveAnswerer#take} and {@link ExtractiveAnswerer#joinAdjacent}: a quote that overlaps a chosen one
 * grows it, and quotes that touch in one paragraph become one, in the article's order.
 */
class QuoteJoinTest {

    /** Five sentences in two paragraphs; a caption credit stands between the last two. */
    private static final String FIRST = "Fans cheer at a watch party. - Voters rejected the amendment on Tuesday.";
    private static final String SECOND = "Turnout was high. The vote was close in two counties. Photo: Getty Images "
            + "The result stands.";
    private static final String TEXT = FIRST + "\n\n" + SECOND;
    private static final List<Span> SENTENCES = List.of(
            span("Fans cheer at a watch party."),
            span("Voters rejected the amendment on Tuesday."),
            span("Turnout was high."),
            span("The vote was close in two counties."),
            span("The result stands."));
    /** The first sentence of the second paragraph. */
    private static final int SECOND_FROM = 2;

    private static Span span(String sentence) {
        int at = TEXT.indexOf(sentence);
        return new Span(at, at + sentence.length());
    }

    @ParameterizedTest(name = "chosen {0}, then {1} of article {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // a quote widened back over the chosen sentence grows it, keeping its own sentence
            "1 | 0-1 | a | 0-1 | true",
            "0-1 3 | 2-3 | a | 0-1 2-3 | true",
            // one that overlaps in part grows it to hold both
            "2-3 | 3-4 | a | 2-4 | true",
            // a sentence the chosen quote holds adds nothing
            "2-3 | 3 | a | 2-3 | false",
            // one that overlaps two chosen quotes would join what was cited apart: it is skipped
            "2 4 | 2-4 | a | 2 4 | false",
            // one that overlaps none, or the same offsets in another article, is a quote of its own
            "1 | 3 | a | 1 3 | true",
            "1 | 0-1 | b | 1 0-1 | true",
    })
    void aQuoteThatOverlapsAChosenOneGrowsIt(String chosen, String next, String article, String expected,
            boolean added) {
        Article a = article("a.txt");
        List<ExtractiveAnswerer.Quote> quotes = new ArrayList<>();
        for (String q : chosen.split(" ")) {
            quotes.add(quote(a, q));
        }
        assertEquals(added, ExtractiveAnswerer.take(quotes, quote(article.equals("a") ? a : article("b.txt"), next)));
        assertEquals(expected, quotes.stream().map(QuoteJoinTest::sentences).collect(Collectors.joining(" ")));
    }

    /** A quote of the sentences "first-last" (or "first") of one paragraph of an article. */
    private static ExtractiveAnswerer.Quote quote(Article article, String sentences) {
        String[] ends = sentences.split("-");
        int first = Integer.parseInt(ends[0]);
        int last = Integer.parseInt(ends[ends.length - 1]);
        int paragraph = first < SECOND_FROM ? 0 : 1;
        Candidate c = new Candidate(article, article.passages().get(paragraph),
                last - (paragraph == 0 ? 0 : SECOND_FROM), new double[Features.NAMES.size()], 0);
        return new ExtractiveAnswerer.Quote(c, c, new Span(SENTENCES.get(first).start(), SENTENCES.get(last).end()));
    }

    private static String sentences(ExtractiveAnswerer.Quote q) {
        return first(q.span()) == last(q.span()) ? String.valueOf(first(q.span()))
                : first(q.span()) + "-" + last(q.span());
    }

    @ParameterizedTest(name = "sentences {0} of articles {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // the second ranked first, the first after an unrelated one: the pair joins at the better place, across
            // the dash that parts a caption from the text on its line
            "1 3 0 | a a a | 0-1 3",
            // two that touch, then a third touching the joined pair
            "3 2 4 | a a a | 2-3 4",
            "2 4 3 | a a a | 2-3 4",
            // nothing but white space may stand between: the credit keeps the last sentence apart
            "3 4 | a a | 3 4",
            // the paragraph break keeps them apart, each to show within its paragraph
            "2 1 | a a | 2 1",
            // so does a paragraph break inside one passage (short paragraphs share one): one quote never holds it
            "2 1 | c c | 2 1",
            "1 0 | c c | 0-1",
            // the same offsets in another article are not next to each other
            "0 1 | a b | 0 1",
            "0 | a | 0",
    })
    void quotesThatTouchInOneParagraphBecomeOneInTheArticlesOrder(String sentences, String articles, String expected) {
        Map<String, Article> byName = Map.of("a", article("a.txt"), "b", article("b.txt"), "c", onePassage("c.txt"));
        List<ExtractiveAnswerer.Quote> chosen = new ArrayList<>();
        String[] picked = sentences.split(" ");
        String[] in = articles.split(" ");
        for (int i = 0; i < picked.length; i++) {
            Article article = byName.get(in[i]);
            int sentence = Integer.parseInt(picked[i]);
            int paragraph = sentence < SECOND_FROM || article.passages().size() == 1 ? 0 : 1;
            Candidate c = new Candidate(article, article.passages().get(paragraph),
                    sentence - (paragraph == 0 ? 0 : SECOND_FROM), new double[Features.NAMES.size()], 0);
            chosen.add(new ExtractiveAnswerer.Quote(c, c, c.span()));
        }
        String joined = ExtractiveAnswerer.joinAdjacent(chosen).stream().map(QuoteJoinTest::sentences)
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
        int second = TEXT.indexOf(SECOND);
        Passage p0 = new Passage(id + "#0", id, 0, 0, FIRST.length(), FIRST, SENTENCES.subList(0, SECOND_FROM));
        Passage p1 = new Passage(id + "#1", id, 1, second, TEXT.length(), SECOND,
                SENTENCES.subList(SECOND_FROM, SENTENCES.size()));
        return new Article(id, "Kansas votes", null, DatePrecision.NONE, "", "", TEXT, "hash-" + id, List.of(p0, p1));
    }

    /** The same text as one passage of both paragraphs. */
    private static Article onePassage(String id) {
        Passage p = new Passage(id + "#0", id, 0, 0, TEXT.length(), TEXT, SENTENCES);
        return new Article(id, "Kansas votes", null, DatePrecision.NONE, "", "", TEXT, "hash-" + id, List.of(p));
    }
}
