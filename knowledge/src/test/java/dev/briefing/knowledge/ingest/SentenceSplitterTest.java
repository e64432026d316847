package dev.briefing.knowledge.ingest;

import dev.briefing.knowledge.article.Span;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SentenceSplitterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "He left. She stayed. | He left.~She stayed.",
            "Mr. Smith met Dr. Jones at 9 p.m. on Friday. Then he left. | Mr. Smith met Dr. Jones at 9 p.m. on Friday.~Then he left.",
            "“Violence can never be an appropriate response. That’s our belief, ”she said. | “Violence can never be an appropriate response.~That’s our belief, ”she said.",
            "Update from January 7th, 9:30 p.m .: In view of the unrest, Scholz spoke. | Update from January 7th, 9:30 p.m .: In view of the unrest, Scholz spoke.",
            "John F. Kennedy spoke. It rained. | John F. Kennedy spoke.~It rained.",
            "Water was seen at the O.B. Curtis plant. It failed. | Water was seen at the O.B. Curtis plant.~It failed.",
            "J.R.R. Tolkien wrote it. | J.R.R. Tolkien wrote it.",
            "Sens. Maggie Hassan and Michael Bennet won. | Sens. Maggie Hassan and Michael Bennet won.",
            "In 1939, c. 1,300,000 people lived there. | In 1939, c. 1,300,000 people lived there.",
            "Pears, plums, etc. While it rained, we ate. | Pears, plums, etc.~While it rained, we ate.",
            "Pears, plums, etc. were sold. | Pears, plums, etc. were sold.",
            "Govs. Ron DeSantis and Kristi Noem praised it. | Govs. Ron DeSantis and Kristi Noem praised it.",
            "The court overturned Roe v. Wade in June. Protests followed. | The court overturned Roe v. Wade in June.~Protests followed.",
            "Is it over? \"No,\" he said. | Is it over?~\"No,\" he said.",
            "Can there be talks with murderers? ” The head of state spoke. | Can there be talks with murderers? ”~The head of state spoke.",
            "With criminals and murderers? ”Tokayev also spoke. | With criminals and murderers? ”~Tokayev also spoke.",
            "“It is over. ”she said. It rained. | “It is over. ”she said.~It rained.",
            "It ended. ” | It ended. ”",
            "Fans cheer in Overland Park, Kansas August 2, 2022. - Voters in Kansas voted. | Fans cheer in Overland Park, Kansas August 2, 2022.~Voters in Kansas voted.",
            "Prices rose. – Gas fell — slowly. | Prices rose.~Gas fell — slowly.",
    })
    void splitsAtSentenceEndsOnly(String text, String expected) {
        // when
        List<Span> spans = SentenceSplitter.split(text, 0, text.length());
        // then
        List<String> sentences = spans.stream().map(s -> text.substring(s.start(), s.end())).toList();
        assertEquals(Arrays.asList(expected.split("~")), sentences);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "What is pickleball?                                  | true",
            "But what is the LIV Golf series, the new venture?    | true",
            "“Is it over?”                                        | true",
            "(Is this the end of the dollar?)                     | true",
            "“Why me?” she asked.                                 | false",
            "Fans asked “why now?” at the rally.                  | false",
            "The 187 minutes began at 1:10 p.m. ET.               | false",
            "What a game!                                         | false",
            "?                                                    | true",
            "''                                                   | false",
    })
    void aSentenceAsksWhenItEndsWithAQuestionMark(String sentence, boolean asks) {
        assertEquals(asks, SentenceSplitter.asks(sentence));
    }
}
