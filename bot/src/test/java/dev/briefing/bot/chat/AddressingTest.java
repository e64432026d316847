package dev.briefing.bot.chat;

import dev.briefing.bot.message.ChatKind;
import dev.briefing.bot.message.IncomingMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AddressingTest {

    final Addressing addressing = new Addressing("BriefingBot");

    @ParameterizedTest(name = "{0} in {1}, reply to bot {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            What happened?                     | PRIVATE | false | Question[text=What happened?]
            /ask What happened?                | PRIVATE | false | CommandRequest[name=ask, arguments=What happened?, addressed=false]
            /ASK@briefingbot What happened?    | GROUP   | false | CommandRequest[name=ask, arguments=What happened?, addressed=true]
            /ask@OtherBot What happened?       | GROUP   | false | Ignore[]
            /ask@OtherBot What happened?       | PRIVATE | false | Ignore[]
            /start                             | GROUP   | false | CommandRequest[name=start, arguments=, addressed=false]
            Morning all                        | GROUP   | false | Ignore[]
            @BriefingBot what happened?        | GROUP   | false | Question[text=what happened?]
            so @briefingbot, who won?          | GROUP   | false | Question[text=so , who won?]
            @BriefingBotFan is wrong           | GROUP   | false | Ignore[]
            And then?                          | GROUP   | true  | Question[text=And then?]
            """)
    void classifies(String text, ChatKind kind, boolean replyToBot, String expected) {
        // given a message
        IncomingMessage m = new IncomingMessage(-1, kind, 10, 7, text, replyToBot ? 9 : null, replyToBot);
        // when it is classified
        Addressing.Request request = addressing.classify(m);
        // then it is what the group rules say
        assertEquals(expected, request.toString());
    }
}
