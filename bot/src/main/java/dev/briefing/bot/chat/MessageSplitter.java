package dev.briefing.bot.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits Telegram HTML into messages of at most a given length: between paragraphs where it can, else
 * between lines, else between words, and never inside a tag, an entity or a surrogate pair, so each part
 * parses on its own. A tagged span too long for one message (a bold quote of 5,000 characters) is cut
 * inside: its open tags are closed at the end of one part and opened again at the start of the next.
 */
final class MessageSplitter {

    /** Kinds of cut, best first. */
    private static final int PARAGRAPH = 0;
    private static final int LINE = 1;
    private static final int WORD = 2;
    private static final int ANY = 3;

    private final int max;

    MessageSplitter(int max) {
        if (max < 16) {
            throw new IllegalArgumentException("illegal max: " + max + ", must be at least 16");
        }
        this.max = max;
    }

    List<String> split(String html) {
        List<String> parts = new ArrayList<>();
        String rest = html.strip();
        while (rest.length() > max) {
            Cut cut = cut(rest);
            parts.add(cut.head());
            rest = cut.tail();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        parts.removeIf(String::isBlank);
        return parts;
    }

    /** One part, complete with closing tags, and the rest, with the cut spans opened again. */
    private record Cut(String head, String tail) {
    }

    /** A place to cut, with the tags open there. */
    private record Candidate(int at, List<String> open) {
    }

    /** The best cut within the first {@code max} characters. */
    private Cut cut(String s) {
        // best[kind][0] outside any tagged span, best[kind][1] inside one.
        Candidate[][] best = new Candidate[4][2];
        Deque<String> open = new ArrayDeque<>(); // opening tags, innermost first
        int closersLength = 0;
        int lastOpenTagEnd = -1;
        int i = 0;
        while (i <= s.length() && i <= max) {
            if (i > 0 && i < s.length() && Character.isHighSurrogate(s.charAt(i - 1))
                    && Character.isLowSurrogate(s.charAt(i))) {
                i++;
                continue;
            }
            consider(s, i, open, closersLength, lastOpenTagEnd, best);
            if (i == s.length()) {
                break;
            }
            char c = s.charAt(i);
            if (c == '<') {
                int end = s.indexOf('>', i);
                if (end < 0) {
                    break; // not markup we can read: cut only before it
                }
                String tag = s.substring(i, end + 1);
                if (tag.startsWith("</")) {
                    String name = name(tag);
                    if (!open.isEmpty() && name(open.peekFirst()).equals(name)) {
                        closersLength -= closer(open.pollFirst()).length();
                    }
                } else {
                    open.addFirst(tag);
                    closersLength += closer(tag).length();
                    lastOpenTagEnd = end + 1;
                }
                i = end + 1;
            } else if (c == '&') {
                int end = i + 1;
                while (end < s.length() && end - i < 12 && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '#')) {
                    end++;
                }
                i = end < s.length() && s.charAt(end) == ';' ? end + 1 : i + 1;
            } else {
                i++;
            }
        }
        // Prefer a paragraph break unless it would leave a part under a quarter full; a cut outside spans over one
        // inside, of the same kind.
        int quarter = max / 4;
        Candidate fallback = null;
        for (int kind = PARAGRAPH; kind <= ANY; kind++) {
            for (int nested = 0; nested < 2; nested++) {
                Candidate c = best[kind][nested];
                if (c != null && c.at() >= quarter) {
                    return apply(s, c);
                }
                if (c != null && (fallback == null || c.at() > fallback.at())) {
                    fallback = c;
                }
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("cannot split a message at " + max
                    + " characters: it starts with a tag or span that leaves no room to cut");
        }
        return apply(s, fallback);
    }

    private void consider(String s, int i, Deque<String> open, int closersLength, int lastOpenTagEnd,
                          Candidate[][] best) {
        if (i == 0) {
            return;
        }
        int beforeEnd = i;
        while (beforeEnd > 0 && Character.isWhitespace(s.charAt(beforeEnd - 1))) {
            beforeEnd--;
        }
        int afterStart = i;
        while (afterStart < s.length() && Character.isWhitespace(s.charAt(afterStart))) {
            afterStart++;
        }
        if (beforeEnd == 0) {
            return;
        }
        if (!open.isEmpty()) {
            int openersLength = 0;
            for (String tag : open) {
                openersLength += tag.length();
            }
            // Not where a span would be left empty on either side, nor where the part is too long once closed,
            // nor where the rest would not get shorter.
            if (beforeEnd == lastOpenTagEnd || s.startsWith("</", afterStart)
                    || beforeEnd + closersLength > max || openersLength >= beforeEnd) {
                return;
            }
        }
        boolean nested = !open.isEmpty();
        char c = i < s.length() ? s.charAt(i) : '\n';
        int kind;
        if (c == '\n' && s.charAt(i - 1) == '\n') {
            kind = PARAGRAPH;
        } else if (c == '\n') {
            kind = LINE;
        } else if (Character.isWhitespace(c)) {
            kind = WORD;
        } else {
            kind = ANY;
        }
        best[kind][nested ? 1 : 0] = new Candidate(i, List.copyOf(open));
    }

    private static Cut apply(String s, Candidate c) {
        StringBuilder head = new StringBuilder(s.substring(0, c.at()).strip());
        StringBuilder tail = new StringBuilder();
        for (String tag : c.open()) {
            head.append(closer(tag));
            tail.insert(0, tag);
        }
        tail.append(s.substring(c.at()).strip());
        return new Cut(head.toString(), tail.toString());
    }

    private static String name(String tag) {
        int start = tag.startsWith("</") ? 2 : 1;
        int end = start;
        while (end < tag.length() && (Character.isLetterOrDigit(tag.charAt(end)) || tag.charAt(end) == '-')) {
            end++;
        }
        return tag.substring(start, end).toLowerCase();
    }

    private static String closer(String openingTag) {
        return "</" + name(openingTag) + ">";
    }
}
