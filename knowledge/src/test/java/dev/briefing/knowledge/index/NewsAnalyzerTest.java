package dev.briefing.knowledge.index;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NewsAnalyzerTest {

    private static List<String> analyze(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (NewsAnalyzer a = new NewsAnalyzer(); TokenStream ts = a.tokenStream("text", text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(t.toString());
            }
            ts.end();
        }
        return out;
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({"spoke, speak", "said, says", "sent, sends", "held, holding", "told, tells", "fled, flee",
            "Germany's, Germany", "soldiers, soldier"})
    void formsOfOneWordAnalyzeAlike(String a, String b) throws IOException {
        assertEquals(analyze(b), analyze(a));
    }
}
