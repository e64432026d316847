package dev.briefing.bot.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    static Stream<Arguments> textsWithoutASafeCut() {
        String emoji = "\uD83D\uDE00"; // one character, two chars in Java
        return Stream.of(
                Arguments.of("a bold quote longer than a message", "<b>" + "word ".repeat(60) + "</b>", 100),
                Arguments.of("a bold quote after a short intro", "Sources:\n<b>" + "quoted text ".repeat(40) + "</b>", 100),
                Arguments.of("nested spans", "<blockquote><i>" + "deep words ".repeat(50) + "</i></blockquote>", 120),
                Arguments.of("a link around long text", "<a href=\"https://example.org/x?a=1&amp;b=2\">" + "link text ".repeat(40) + "</a>", 100),
                Arguments.of("a wordless bold run", "<b>" + "z".repeat(300) + "</b>", 64),
                Arguments.of("entities inside a bold run", "<b>" + "&amp;&lt;&gt;".repeat(50) + "</b>", 50),
                Arguments.of("entities in a wordless run", "&amp;".repeat(80), 33),
                Arguments.of("emoji only", emoji.repeat(100), 33),
                Arguments.of("emoji in bold", "<b>" + ("x" + emoji).repeat(80) + "</b>", 40),
                Arguments.of("code block", "<pre><code class=\"language-java\">" + "int x = 1;\n".repeat(60) + "</code></pre>", 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textsWithoutASafeCut")
    void cutsALongSpanIntoPartsThatEachParse(String description, String html, int max) {
        // given a text with no cut outside a tagged span, or none between whole characters, within the limit
        // when it is split
        List<String> parts = new MessageSplitter(max).split(html);
        // then every part fits, has its tags balanced and its entities and characters whole
        assertTrue(parts.size() > 1, parts.toString());
        for (String part : parts) {
            assertTrue(part.length() <= max, part.length() + ": " + part);
            assertBalanced(part);
            assertFalse(Pattern.compile("&[a-z#0-9]*$").matcher(part).find(), "cut entity at end: " + part);
            assertFalse(Pattern.compile("^[a-z#0-9]+;").matcher(part).find() && html.contains("&"), "cut entity at start: " + part);
            assertFalse(Character.isHighSurrogate(part.charAt(part.length() - 1)), "split surrogate: " + part);
            assertFalse(Character.isLowSurrogate(part.charAt(0)), "split surrogate: " + part);
        }
        // and no text is lost
        assertEquals(text(html), String.join("", parts.stream().map(MessageSplitterTest::text).toList()));
    }

    /** Every tag closed in the part that opened it, innermost first. */
    private static void assertBalanced(String part) {
        Deque<String> open = new ArrayDeque<>();
        Matcher m = Pattern.compile("<(/?)([a-z-]+)[^>]*>").matcher(part);
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                open.push(m.group(2));
            } else {
                assertEquals(open.isEmpty() ? null : open.pop(), m.group(2), "unbalanced: " + part);
            }
        }
        assertTrue(open.isEmpty(), "left open " + open + ": " + part);
        assertFalse(Pattern.compile("<[^>]*$").matcher(part).find(), "cut tag at end: " + part);
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]*>", "").replaceAll("\\s", "");
    }

    private static int count(String s, String sub) {
        return s.split(java.util.regex.Pattern.quote(sub), -1).length - 1;
    }
}
