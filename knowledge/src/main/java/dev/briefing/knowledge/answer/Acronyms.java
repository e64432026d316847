package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.query.QuestionWords;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acronyms the articles define, "Collective Security Treaty Organization (CSTO)", so a question about the CSTO
 * finds sentences that spell it out, and the acronyms they use, so a question that spells out "the Food and Drug
 * Administration" finds sentences that say "FDA".
 */
public final class Acronyms {

    private static final Pattern DEFINITION = Pattern.compile(
            "((?:\\p{Lu}[\\p{L}-]+\\s+(?:(?:of|for|and|on|in|the)\\s+)*){1,7})\\((\\p{Lu}{2,7})\\)");

    /** Two or more capitalised words, with the small words a name of an organisation holds between them. */
    private static final Pattern SPELLED_OUT = Pattern.compile(
            "\\b\\p{Lu}[\\p{L}'’-]*(?:\\s+(?:(?:of|for|and|on|in|the)\\s+)*\\p{Lu}[\\p{L}'’-]*)+");

    private static final Pattern BETWEEN_NAMES = Pattern.compile("\\s+and\\s+(?:the\\s+)?");

    /** A word of 2 to 7 capitals, as a question writes an acronym. */
    private static final Pattern ACRONYM = Pattern.compile("\\b\\p{Lu}{2,7}\\b");

    private final Map<String, String> expansions;
    private final Set<String> used;

    private Acronyms(Map<String, String> expansions, Set<String> used) {
        this.expansions = Map.copyOf(expansions);
        this.used = Set.copyOf(used);
    }

    /** The acronyms defined anywhere in the articles, each with the words of its first matching definition. */
    public static Acronyms of(List<Article> articles) {
        Map<String, String> out = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (Article a : articles) {
            for (Passage p : a.passages()) {
                collectCapitals(p.text(), used);
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
        return new Acronyms(out, used);
    }

    static Acronyms none() {
        return new Acronyms(Map.of(), Set.of());
    }

    /** Adds the words of 2 to 7 capital letters the text holds ("UK", "WHO"; not "I", "NASA's" gives "NASA"). */
    static void collectCapitals(String text, Set<String> into) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isUpperCase(c)) {
                if (start < 0 && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                    start = i;
                }
            } else {
                if (start >= 0 && !Character.isLetterOrDigit(c) && i - start >= 2 && i - start <= 7) {
                    into.add(text.substring(start, i));
                }
                start = -1;
            }
        }
    }

    /** The spelled-out form of an acronym (any case), or null. */
    String expand(String acronym) {
        return expansions.get(acronym.toLowerCase(Locale.ROOT));
    }

    /**
     * The names of two or more capitalised words the text spells out whose acronym the articles use, each with
     * that acronym: "UK" for "United Kingdom", "FDA" for "Food and Drug Administration". A later mention of a
     * name says it so, and a question spelling it out should find the sentences that do.
     */
    Map<String, String> abbreviations(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SPELLED_OUT.matcher(text);
        while (m.find()) {
            String name = m.group();
            String acronym = abbreviation(name);
            if (acronym == null && m.start() == 0) {
                // the question's first word is capitalised as it opens: "Which Food and Drug Administration…"
                name = name.replaceFirst("^\\S+\\s+(?:(?:of|for|and|on|in|the)\\s+)*", "");
                acronym = abbreviation(name);
            }
            if (acronym != null) {
                out.put(name, acronym);
                continue;
            }
            // "the United Kingdom and the United Arab Emirates" is two names, "Food and Drug Administration" one
            for (String part : BETWEEN_NAMES.split(name)) {
                String partAcronym = abbreviation(part);
                if (partAcronym != null) {
                    out.put(part, partAcronym);
                }
            }
        }
        return out;
    }

    /**
     * The acronym of a name, if the articles use it and it reads as no question word; null for a name holding an
     * acronym or a numeral already.
     */
    private String abbreviation(String name) {
        String[] words = name.split("\\s+");
        if (words.length < 2) {
            return null;
        }
        for (String w : words) {
            if (w.length() > 1 && w.chars().skip(1).anyMatch(Character::isUpperCase) || w.equals("I")) {
                return null; // "The CDC", "Artemis I": no initial to take
            }
        }
        String initials = initials(name);
        // the index lower-cases every word, so "US" and "WHO" would find every "us" and "who"
        boolean word = QuestionWords.isFunction(initials.toLowerCase(Locale.ROOT));
        return initials.length() >= 2 && used.contains(initials) && !word ? initials : null;
    }

    /**
     * The question with each defined acronym followed by its spelled-out form, and each name it spells out
     * followed by the acronym the articles use for it ({@link #abbreviations}), for retrieval.
     */
    String expandAll(String text) {
        StringBuilder sb = new StringBuilder(text);
        abbreviations(text).values().forEach(a -> sb.append(' ').append(a));
        Matcher m = ACRONYM.matcher(text);
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
