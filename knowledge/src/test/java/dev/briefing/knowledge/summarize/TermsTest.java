package dev.briefing.knowledge.summarize;

import dev.briefing.knowledge.article.Span;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TermsTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "The protesters stormed the office             | protester stormed office",
            "Tokayev's order: shoot!                       | tokayev order shoot",
            "Gas prices rose 20% in Almaty and Nur-Sultan  | gas price rose 20 almaty nur sultan",
            "It is what it was                             | ''",
            "Kassym-Jomart Tokayev's crisis                | kassym jomart tokayev crisis",
    })
    void tokensAreContentWordsWithPluralsFolded(String text, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertEquals(want, Terms.tokens(text));
    }

    @ParameterizedTest(name = "cosine of ''{0}'' and ''{1}'' is {2}")
    @CsvSource(delimiter = '|', value = {
            "police fired tear gas at protesters | police fired tear gas at protesters | 1.0",
            "police fired tear gas at protesters | the central bank raised rates        | 0.0",
            // idf 1 for the shared words, ln(3/2)+1 for tear and gas: 3 / (sqrt(3 + 2*1.405^2) * sqrt(3))
            "police fired tear gas at protesters | police fired at protesters           | 0.657",
    })
    void cosineOfUnitTfIdfVectors(String a, String b, double expected) {
        Terms terms = new Terms();
        int[] x = terms.add(a);
        int[] y = terms.add(b);
        assertEquals(expected, terms.vector(x).dot(terms.vector(y)), 0.001);
    }

    @ParameterizedTest(name = "''{0}'' citable: {1}")
    @CsvSource(delimiter = '|', value = {
            "Police fired tear gas at protesters outside the mayor's office.    | true",
            "Tokayev gave the order to shoot                                    | false",
            "Photo: Kazakh presidential website / © imago images / Xinhua today | false",
            "More at https://example.org/news/almaty-protests-police-report.   | false",
    })
    void citableSentencesStandAlone(String sentence, boolean citable) {
        assertEquals(citable, Sentences.citable(sentence));
    }

    @ParameterizedTest(name = "''{0}'' trims to ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "'  • The situation remains unclear.  ' | The situation remains unclear.",
            "'+++ 10.30 p.m.: Criminal proceedings' | 10.30 p.m.: Criminal proceedings",
            "'“Please come back,” he said.'         | “Please come back,” he said.",
    })
    void spansAreTrimmedToTheStatement(String text, String expected) {
        Span t = Sentences.trim(text, new Span(0, text.length()));
        assertEquals(expected, text.substring(t.start(), t.end()));
    }
}
