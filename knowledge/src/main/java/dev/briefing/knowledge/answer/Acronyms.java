package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acronyms the articles define, "Collective Security Treaty Organization (CSTO)", so a question about the CSTO
 * finds sentences that spell it out, and the reverse.
 */
public final class Acronyms {

    private static final Pattern DEFINITION = Pattern.compile(
            "((?:\\p{Lu}[\\p{L}-]+\\s+(?:(?:of|for|and|on|in|the)\\s+)*){1,7})\\((\\p{Lu}{2,7})\\)");

    private final Map<String, String> expansions;

    private Acronyms(Map<String, String> expansions) {
        this.expansions = Map.copyOf(expansions);
    }

    /** The acronyms defined anywhere in the articles, each with the words of its first matching definition. */
    public static Acronyms of(List<Article> articles) {
        Map<String, String> out = new HashMap<>();
        for (Article a : articles) {
            for (Passage p : a.passages()) {
                if (p.text().indexOf('(') < 0) {
                    continue; // no definition without its parenthesis: most passages, and the pattern is costly to try
                }
                Matcher m = DEFINITION.matcher(p.text());
                while (m.find()) {
                    String acronym = m.group(2);
                    String words = m.group(1).strip();
                    if (initialsMatch(words, acronym)) {
                        out.putIfAbsent(acronym.toLowerCase(Locale.ROOT), words);
                    }
                }
            }
        }
        return new Acronyms(out);
    }

    static Acronyms none() {
        return new Acronyms(Map.of());
    }

    /** The spelled-out form of an acronym (any case), or null. */
    String expand(String acronym) {
        return expansions.get(acronym.toLowerCase(Locale.ROOT));
    }

    /** The question with each defined acronym followed by its spelled-out form, for retrieval. */
    String expandAll(String text) {
        StringBuilder sb = new StringBuilder(text);
        Matcher m = Pattern.compile("\\b\\p{Lu}{2,7}\\b").matcher(text);
        while (m.find()) {
            String e = expand(m.group());
            if (e != null) {
                sb.append(' ').append(e);
            }
        }
        return sb.toString();
    }

    /** Whether the capitals of the words (ignoring "of", "and"...) spell the acronym. */
    static boolean initialsMatch(String words, String acronym) {
        String i = initials(words);
        return i.endsWith(acronym) || i.equals(acronym);
    }

    /**
     * The capitals opening the words, in order, skipping words that open with none ("of", "and"): "US" for
     * "United States".
     */
    public static String initials(String words) {
        StringBuilder initials = new StringBuilder();
        for (String w : words.split("\\s+")) {
            if (!w.isEmpty() && Character.isUpperCase(w.charAt(0))) {
                initials.append(w.charAt(0));
            }
        }
        return initials.toString();
    }
}
