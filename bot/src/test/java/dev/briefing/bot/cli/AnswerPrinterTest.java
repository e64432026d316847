package dev.briefing.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Explanation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How an answer's explanation reads: why it answered or abstained, then why from its best sentence. */
class AnswerPrinterTest {

    private static final Explanation DECLINED = new Explanation("The Braves came to the White House.",
            new Explanation.Score(0.25, List.of(new Explanation.Part("sent_cos_gap", 0, 1.5),
                    new Explanation.Part("focus_self", 0.3, -0.75)), 1.0),
            new Explanation.Score(-0.5, List.of(new Explanation.Part("cited_share", 0.4, -1.25),
                    new Explanation.Part("best_logit", 1.0, 0.5)), -1.25),
            0.223, 0.4);

    @Test
    void theJsonHoldsTheDecisionAndTheSentencesScoreInputByInput() {
        // when
        JsonNode o = AnswerPrinter.explain(DECLINED);
        // then
        assertEquals(0.223, o.get("probability").asDouble());
        assertEquals(0.4, o.get("cutoff").asDouble());
        assertEquals(-1.25, o.at("/decision/logit").asDouble());
        assertEquals(-0.5, o.at("/decision/bias").asDouble());
        assertEquals("cited_share", o.at("/decision/parts/0/input").asText());
        assertEquals(0.4, o.at("/decision/parts/0/value").asDouble());
        assertEquals(-1.25, o.at("/decision/parts/0/contribution").asDouble());
        assertEquals(1.0, o.at("/score/logit").asDouble());
        assertEquals("focus_self", o.at("/score/parts/1/feature").asText());
        assertEquals(-0.75, o.at("/score/parts/1/contribution").asDouble());
    }

    @Test
    void nothingRetrievedHasNoScoresToShow() {
        // when
        JsonNode o = AnswerPrinter.explain(Explanation.NONE);
        // then
        assertTrue(o.at("/decision/logit").isNull(), o.toString());
        assertEquals(0, o.at("/decision/parts").size());
        assertEquals(0, o.at("/score/parts").size());
        List<String> lines = printed(Explanation.NONE, 12).lines().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of("why: probability 0.000 against cut-off 1.00", "  no sentence to answer from"), lines);
    }

    @Test
    void peopleReadTheDecisionFirstThenTheBestSentenceAndItsScore() {
        // when only the weightiest part of each is asked for
        String text = printed(DECLINED, 1);
        // then
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of(
                "why: probability 0.223 against cut-off 0.40",
                "  whether to answer: log-odds -1.250 = bias -0.500 + parts",
                "    -1.250  cited_share          = 0.400",
                "  best sentence: \"The Braves came to the White House.\"",
                "  its score: log-odds 1.000 = bias 0.250 + parts",
                "    +1.500  sent_cos_gap         = 0.000"), lines);
        assertFalse(text.contains("focus_self"), "one part each");
    }

    @Test
    void theScriptingObjectCarriesTheExplanation() {
        // when
        JsonNode o = AnswerPrinter.toJson(new Answer(false, "The articles don't answer that.", List.of(), "q?",
                DECLINED));
        // then
        assertEquals(-1.25, o.at("/explain/decision/logit").asDouble());
    }

    private static String printed(Explanation e, int parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AnswerPrinter.printExplanation(new PrintStream(bytes, true, StandardCharsets.UTF_8), e, parts);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
