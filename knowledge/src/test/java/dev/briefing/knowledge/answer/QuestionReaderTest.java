package dev.briefing.knowledge.answer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuestionReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "A heat wave closed schools across the region this week. Which country declared an emergency? | A heat wave closed schools across the region this week. | Which country declared an emergency?",
            "Which country declared an emergency? | '' | Which country declared an emergency?",
            "Prices rose. Wages fell. How much did rents rise? | Prices rose. Wages fell. | How much did rents rise?",
            "What did Dr. Smith say about the U.S. economy? | '' | What did Dr. Smith say about the U.S. economy?",
            "Tell me about the strike. | '' | Tell me about the strike.",
    })
    void aQuizStyleQuestionsLastQuestionIsTheRealOne(String text, String lead, String focus) {
        String[] split = QuestionReader.splitLead(text);
        assertEquals(lead, split[0]);
        assertEquals(focus, split[1]);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "What country announced a crackdown on toys? | country",
            "Which Ivy League university acknowledged submitting inaccurate data? | university",
            "Which new character did M&M's add this week? | new character",
            "How many baby swings and rockers were recalled? | baby swings",
            "How many minutes did Trump let violence play out? | minutes",
            "Primary voters in which state struck down an amendment? | state",
            "What is the CSTO? | ''",
            "Who is Ablyazov? | ''",
    })
    void theWordsAfterWhichOrHowManyNameTheKindOfThingAsked(String focus, String expected) {
        List<String> words = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertEquals(words, QuestionReader.headWords(focus));
    }
}
