package dev.briefing.knowledge.answer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ExtractiveAnswerer#reportsDiffer}: "Reports differ" only where articles give other figures. */
class ReportsDifferTest {

    private static final Pattern FIGURE = Pattern.compile("\\d[\\d,]*");

    /** Each quote is "article: text"; the figures asked for are the text's numbers. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // two articles, two counts
            "a: 2,500 soldiers were sent. ; b: 3,000 soldiers were sent. | true",
            // one article's round figure and its exact one
            "a: its roughly 21,000 US restaurants ; a: declined to 20,746 locations | false",
            // two articles that agree, and a quote without a figure
            "a: 26 demonstrators were killed. ; b: 26 were killed, state TV said. ; b: Many were hurt. | false",
            // one figure only
            "a: 2,500 soldiers were sent. | false",
            // the same article and another that adds a figure of its own
            "a: 21,000 restaurants ; a: 20,746 locations ; b: 21,000 restaurants | true",
    })
    void onlyArticlesThatGiveOtherFiguresDiffer(String quotes, boolean differ) {
        // given
        List<Citation> citations = new ArrayList<>();
        for (String q : quotes.split(" ; ")) {
            String article = q.substring(0, q.indexOf(':'));
            String text = q.substring(q.indexOf(':') + 2);
            citations.add(new Citation(text, article, "Title " + article, null, 0, text.length(), article + "#0",
                    List.of()));
        }
        // when
        boolean got = ExtractiveAnswerer.reportsDiffer(citations, ReportsDifferTest::figures);
        // then
        assertEquals(differ, got);
    }

    private static Set<String> figures(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = FIGURE.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
