package dev.briefing.bot.chat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageSplitterTest {

    @Test
    void keepsAShortTextWhole() {
        // given a text under the limit
        // when it is split
        List<String> parts = new MessageSplitter(100).split("one\n\ntwo");
        // then it stays one part
        assertEquals(List.of("one\n\ntwo"), parts);
    }

    @Test
    void splitsBetweenParagraphs() {
        // given three paragraphs of 40 characters and a limit of 100
        String p = "x".repeat(40);
        // when they are split
        List<String> parts = new MessageSplitter(100).split(p + "\n\n" + p + "\n\n" + p);
        // then the cut falls between paragraphs
        assertEquals(List.of(p + "\n\n" + p, p), parts);
    }

    @Test
    void neverCutsInsideATagAnEntityOrATaggedSpan() {
        // given a long paragraph of bold words and escaped ampersands
        String text = "<b>bold words here</b> &amp; ".repeat(40);
        // when it is split at 100
        List<String> parts = new MessageSplitter(100).split(text);
        // then every part is at most 100 long and balanced
        for (String part : parts) {
            assertTrue(part.length() <= 100, part);
            assertEquals(count(part, "<b>"), count(part, "</b>"), part);
            assertTrue(!part.endsWith("&amp") && !part.startsWith("amp;"), part);
        }
        assertEquals(text.replace(" ", ""), String.join("", parts).replace(" ", ""));
    }

    @Test
    void cutsAWordlessRunAtTheLimit() {
        // given a run without spaces
        // when it is split
        List<String> parts = new MessageSplitter(50).split("y".repeat(120));
        // then it is cut at the limit
        assertEquals(List.of("y".repeat(50), "y".repeat(50), "y".repeat(20)), parts);
    }

    @Test
    void rejectsATinyLimit() {
        // given a limit too small for any message
        // when a splitter is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MessageSplitter(3));
        // then the message names the bad value
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }

    private static int count(String s, String sub) {
        return s.split(java.util.regex.Pattern.quote(sub), -1).length - 1;
    }
}
