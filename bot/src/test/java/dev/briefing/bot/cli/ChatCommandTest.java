package dev.briefing.bot.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which lines of a terminal conversation are commands rather than questions. */
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
}
