package dev.briefing.bot.chat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmallTalkTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "QUESTION", textBlock = """
            thanks                                     | THANKS
            Thanks!                                    | THANKS
            great, thanks!                             | THANKS
            Thank you very much 🙏                     | THANKS
            ok thx                                     | THANKS
            Much appreciated, cheers                   | THANKS
            That’s great, thank you                    | THANKS
            hi                                         | GREETING
            Hello there!                               | GREETING
            Good morning                               | GREETING
            hey bot                                    | GREETING
            help                                       | HELP
            Help me please!                            | HELP
            ok                                         | ACKNOWLEDGEMENT
            Okay.                                      | ACKNOWLEDGEMENT
            got it                                     | ACKNOWLEDGEMENT
            Oh I see                                   | ACKNOWLEDGEMENT
            cool, makes sense                          | ACKNOWLEDGEMENT
            That’s interesting!                        | ACKNOWLEDGEMENT
            good                                       | ACKNOWLEDGEMENT
            appreciated                                | QUESTION
            ok, who is Tokayev?                        | QUESTION
            Great Britain                              | QUESTION
            I see no answer about Germany              | QUESTION
            Who thanked Putin?                         | QUESTION
            Thanks to whom did the protests end?       | QUESTION
            thanks, and what about Germany?            | QUESTION
            hi, what is the CSTO?                      | QUESTION
            help with what?                            | QUESTION
            Who did the EU help?                       | QUESTION
            What happened this morning?                | QUESTION
            '   '                                      | QUESTION
            ?!                                         | QUESTION
            """)
    void tellsThanksGreetingsPleasForHelpAndAcknowledgementsFromQuestions(String text, SmallTalk.Kind expected) {
        // given a message, when it is read, then only one made of courtesy words is small talk
        assertEquals(expected, SmallTalk.of(text).orElse(null));
    }
}
