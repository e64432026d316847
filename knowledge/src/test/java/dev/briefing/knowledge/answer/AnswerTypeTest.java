package dev.briefing.knowledge.answer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnswerTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "How many people were injured? | NUMBER",
            "How old is the president? | NUMBER",
            "By how much did prices rise? | NUMBER",
            "When did the protests start? | TIME",
            "What year did he resign? | TIME",
            "Where does the dissident live? | PLACE",
            "Why did the minister resign? | REASON",
            "Who is Jane Doe? | IDENTITY",
            "Who held a press conference in Paris? | AGENT",
            "Which news agency reported it? | AGENT",
            "Which party is she from? | AGENT",
            "What did the spokesman say about the strike? | STATEMENT",
            "What did Jane Doe call for? | STATEMENT",
            "What is the alliance? | DEFINITION",
            "What happened at the airport? | OTHER",
    })
    void readsTheKindOfDetailAsked(String question, AnswerType expected) {
        assertEquals(expected, QuestionReader.type(question, question.toLowerCase(Locale.ROOT)));
    }
}
