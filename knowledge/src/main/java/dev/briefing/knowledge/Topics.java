package dev.briefing.knowledge;

import dev.briefing.knowledge.answer.Acronyms;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in one sentence what the articles cover: their count, dates, and the names most of them mention,
 * for the reply when a question is not answered.
 */
final class Topics {

    private static final int NAMES = 5;
    /** A capitalised word of three or more letters, digits and hyphens, not ending in a hyphen ("Covid-19", "F-16"). */
    private static final String WORD = "\\p{Lu}[\\p{L}\\p{N}-]+[\\p{L}\\p{N}]";
    /** A name: one to four capitalised words (with particles), not opening a sentence. */
    private static final Pattern NAME = Pattern.compile(
            "(?<=[\\p{L},;] )(" + WORD + "(?: (?:of |von der |de )?" + WORD + "){0,3}|\\p{Lu}{2,})");
    private static final Set<String> COMMON = Set.of("The", "This", "That", "President", "Minister", "Friday",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Saturday", "Sunday", "January", "February", "March",
            "April", "May", "June", "July", "August", "September", "October", "November", "December", "According",
            "Update", "Federal", "State", "Prime", "Foreign", "Interior", "Ministry", "Office", "Chancellor", "Twitter");

    private Topics() {
    }

    static String describe(Catalog catalog, List<Article> articles) {
        if (articles.isEmpty()) {
            return "No articles are indexed yet.";
        }
        Map<String, Integer> byArticles = new HashMap<>();
        for (Article a : articles) {
            Set<String> seen = new HashSet<>();
            for (Passage p : a.passages()) {
                Matcher m = NAME.matcher(p.text());
                while (m.find()) {
                    if (!COMMON.contains(m.group(1).split(" ")[0]) && !endsAName(p.text(), m.start(1))) {
                        seen.add(m.group(1));
                    }
                }
            }
            seen.forEach(n -> byArticles.merge(n, 1, Integer::sum));
        }
        List<String> ranked = new ArrayList<>(byArticles.keySet());
        ranked.sort((x, y) -> byArticles.get(y).equals(byArticles.get(x))
                ? Integer.compare(y.length(), x.length()) : Integer.compare(byArticles.get(y), byArticles.get(x)));
        List<String> top = new ArrayList<>();
        for (String n : ranked) {
            // "Kazakh" adds nothing beside "Kazakhstan", nor "Tokayev" beside "Kassym-Jomart Tokayev"
            // nor "US" beside "United States"
            if (top.stream().noneMatch(t -> t.contains(n) || n.contains(t) || sharesStem(t, n)
                    || spellsOut(t, n) || spellsOut(n, t))) {
                top.add(n);
            }
            if (top.size() == NAMES) {
                break;
            }
        }
        String names = top.isEmpty() ? "" : ", mostly about " + join(top);
        return "They cover " + catalog.describe() + names + ".";
    }

    /**
     * Whether the word before a name found at {@code start} is capitalised and opens no sentence: then the name is
     * the tail of a longer one the pattern could not take whole ("Images" of "AFP/Getty Images"). "The US" and
     * "In Ukraine" keep their names.
     */
    static boolean endsAName(String text, int start) {
        int end = start - 1;
        int from = end;
        while (from > 0 && Character.isLetterOrDigit(text.charAt(from - 1))) {
            from--;
        }
        if (from == end || !Character.isUpperCase(text.charAt(from))) {
            return false;
        }
        int before = from - 1;
        while (before >= 0 && text.charAt(before) == ' ') {
            before--;
        }
        return before >= 0 && ".!?\"“\n".indexOf(text.charAt(before)) < 0;
    }

    /** Whether a name of two or more words has the other for its initials ("United States", "US"). */
    private static boolean spellsOut(String name, String other) {
        return name.indexOf(' ') > 0 && Acronyms.initials(name).equals(other);
    }

    private static boolean sharesStem(String a, String b) {
        int n = Math.min(a.length(), b.length());
        return n >= 5 && a.regionMatches(true, 0, b, 0, Math.max(5, n - 2));
    }

    private static String join(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
