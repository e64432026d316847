package dev.briefing.bot.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Telegram HTML into messages of at most a given length: between paragraphs where it can, else
 * between lines, else between words, and never inside a tag, an entity or a tagged span, so each part
 * parses on its own.
 */
final class MessageSplitter {

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
            int cut = cutPoint(rest);
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** The best place, within the first {@code max} characters, to end a part. */
    private int cutPoint(String s) {
        int paragraph = -1;
        int line = -1;
        int word = -1;
        int any = -1;
        int depth = 0;
        boolean inTag = false;
        boolean inEntity = false;
        for (int i = 0; i <= max && i < s.length(); i++) {
            boolean safe = !inTag && !inEntity && depth == 0;
            if (safe && i > 0) {
                any = i;
                char c = s.charAt(i);
                if (c == '\n' && s.charAt(i - 1) == '\n') {
                    paragraph = i;
                } else if (c == '\n') {
                    line = i;
                } else if (Character.isWhitespace(c)) {
                    word = i;
                }
            }
            if (i == max) {
                break;
            }
            char c = s.charAt(i);
            if (inTag) {
                if (c == '>') {
                    inTag = false;
                }
            } else if (inEntity) {
                if (c == ';') {
                    inEntity = false;
                }
            } else if (c == '<') {
                inTag = true;
                depth += i + 1 < s.length() && s.charAt(i + 1) == '/' ? -1 : 1;
            } else if (c == '&') {
                inEntity = true;
            }
        }
        // Prefer a paragraph break unless it would leave a part under a quarter full.
        int quarter = max / 4;
        for (int candidate : new int[]{paragraph, line, word, any}) {
            if (candidate >= quarter) {
                return candidate;
            }
        }
        return any > 0 ? any : Math.min(max, s.length());
    }
}
