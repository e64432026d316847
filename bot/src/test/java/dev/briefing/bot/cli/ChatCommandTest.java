package dev.briefing.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.bot.chat.SmallTalk;
import dev.briefing.knowledge.answer.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A conversation on the terminal or through the line protocol: which lines are commands, and one reply to each. */
class ChatCommandTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            /new                        | new
            /quit                       | quit
            /exit                       | exit
            /help                       | help
            /HELP                       | help
            /help me please             | help
            /foo                        | foo
            /new_topic                  | new_topic
            What is the CSTO?           | NONE
            / 5 soldiers?               | NONE
            /5                          | NONE
            //                          | NONE
            What does /new do?          | NONE
            """)
    void aSlashAndAWordOpeningTheLineNameACommand(String line, String expected) {
        assertEquals(expected, ChatCommand.commandName(line));
    }

    @Test
    void aQuestionThatFailsGetsOneLineAndTheConversationGoesOn() throws Exception {
        // given a session whose second question fails, as a question Lucene refused once did
        RecordingSession session = new RecordingSession();

        // when the lines are read
        List<JsonNode> out = converse("Who?\nFail now?\n/help\n/foo\n/new\nWhat next?\n/quit\nNever asked?\n", session);

        // then each line up to /quit got exactly one JSON object, the failure one line without a trace, and the
        // questions after it were asked
        assertEquals(6, out.size(), out.toString());
        assertEquals("Sorry, I could not answer that: maxClauseCount is set to 1024", out.get(1).get("answer").asText());
        assertFalse(out.get(1).get("answered").asBoolean());
        assertTrue(out.get(2).get("answer").asText().startsWith("Ask a question in words"), out.get(2).toString());
        assertTrue(out.get(3).get("answer").asText().startsWith("I don't know /foo."), out.get(3).toString());
        assertTrue(out.get(4).get("new_conversation").asBoolean());
        assertEquals("Not in the articles.", out.get(5).get("answer").asText());
        assertEquals(List.of("Who?", "Fail now?", "(reset)", "What next?"), session.asked);
    }

    @Test
    void thanksGreetingsHelpAndAcknowledgementsGetALineThatCitesNothingAndIsNoTurn() throws Exception {
        // given a session that records its questions
        RecordingSession session = new RecordingSession();

        // when a question, thanks, a greeting, a plea for help and an "ok" are read
        List<JsonNode> out = converse("Who?\nthanks!\nHi there\nhelp\nok\n", session);

        // then each line got one object, the four that are no question unanswered and citing nothing, and only the
        // question was asked
        assertEquals(5, out.size(), out.toString());
        assertEquals("You're welcome.", out.get(1).get("answer").asText());
        assertFalse(out.get(1).get("answered").asBoolean());
        assertEquals(0, out.get(1).get("citations").size());
        assertTrue(out.get(2).get("answer").asText().startsWith("Hello!"), out.get(2).toString());
        assertEquals(ChatCommand.HELP, out.get(3).get("answer").asText());
        assertEquals(SmallTalk.NOTED, out.get(4).get("answer").asText());
        assertFalse(out.get(4).get("answered").asBoolean());
        assertEquals(0, out.get(4).get("citations").size());
        assertEquals(List.of("Who?"), session.asked);
    }

    /** The JSON objects {@code chat --json} writes for {@code input}. */
    private static List<JsonNode> converse(String input, ChatCommand.Session session) throws Exception {
        ChatCommand chat = new ChatCommand();
        chat.json = true;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        chat.converse(new BufferedReader(new StringReader(input)), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                session);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            out.add(json.readTree(line));
        }
        return out;
    }

    /** Records each question and reset; answers nothing, and fails a question that starts with "Fail". */
    private static final class RecordingSession implements ChatCommand.Session {
        final List<String> asked = new ArrayList<>();

        @Override
        public Answer ask(String question) {
            asked.add(question);
            if (question.startsWith("Fail")) {
                throw new IllegalStateException("maxClauseCount is set to 1024");
            }
            return Answer.notFound("Not in the articles.", question);
        }

        @Override
        public void reset() {
            asked.add("(reset)");
        }
    }
}
