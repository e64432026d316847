package dev.briefing.knowledge.answer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
