package dev.briefing.bot.chat;

import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Conversation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerFormatterTest {

    final ScriptedKnowledge knowledge = new ScriptedKnowledge();

    @Test
    void writesTheAnswerThenNumberedEscapedCitations() {
        // given an answer to a question with markup, citing an article whose title has markup
        Answer answer = knowledge.ask("Why <this> & that?", Conversation.empty());
        // when it is formatted
        String html = AnswerFormatter.answer(answer);
        // then every piece of text is escaped and the citation is numbered, with title and date
        assertEquals("Answer to: Why &lt;this&gt; &amp; that? [1]\n\n<b>[1]</b> “" + ScriptedKnowledge.QUOTE + "”\n— "
                + "<i>Kazakhstan: &lt;Tokayev&gt; orders police to shoot &amp; Russia intervenes</i>, 2022-01-07", html);
    }

    @Test
    void showsTheWholeParagraphWithTheQuoteInBold() {
        // given an answer's citations
        Answer answer = knowledge.ask("What did Tokayev order?", Conversation.empty());
        // when its sources are formatted
        String html = AnswerFormatter.sources(answer.citations(), knowledge::passage);
        // then the paragraph is whole and the quote stands out
        assertTrue(html.contains("<b>" + ScriptedKnowledge.QUOTE + "</b> " + ScriptedKnowledge.SECOND_SENTENCE), html);
    }
}
