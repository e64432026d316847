package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;
import dev.langchain4j.model.input.PromptTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptsTest {

    static List<String> names() {
        return Prompts.ALL;
    }

    private static Set<String> variables(PromptTemplate t) {
        Set<String> out = new HashSet<>();
        Matcher m = Pattern.compile("\\{\\{(\\w+)}}").matcher(t.template());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyTemplateTheCodeNamesExists(String name) {
        assertFalse(Prompts.load(name).template().isBlank());
    }

    @Test
    void theGroundedAnswerVariablesAreExactlyTheOnesTheCodeFills() {
        // given
        PromptTemplate t = Prompts.load(Prompts.GROUNDED_ANSWER);
        // when
        Map<String, Object> filled = GroundedChatAnswerer.variables("Did it rain?", Conversation.empty(),
                List.of(new Passage("a#0", "a", 0, 0, 10, "Rain fell.", List.of(new Span(0, 10)))));
        String text = t.apply(filled).text();
        // then
        assertEquals(variables(t), filled.keySet());
        assertFalse(text.contains("{{"), text);
        assertTrue(text.contains("[1] Rain fell."), text);
    }

    @Test
    void aMissingTemplateFailsWithThePathItLookedFor() {
        var e = assertThrows(IllegalStateException.class, () -> Prompts.load("no-such-template"));
        assertTrue(e.getMessage().contains("prompts/no-such-template.txt"), e.getMessage());
    }
}
