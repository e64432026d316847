package dev.briefing.knowledge;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Says in one sentence what the articles cover: their count, dates, and the names most of them mention. */
final class Topics {

    private static final int NAMES = 5;
    private static final Pattern NAME = Pattern.compile("(?<=[\\p{L},;] )(\\p{Lu}[\\p{L}-]{2,}|\\p{Lu}{2,})");
    private static final Set<String> COMMON = Set.of("The", "This", "That", "President", "Minister", "Friday",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Saturday", "Sunday", "January", "February", "March",
            "April", "May", "June", "July", "August", "September", "October", "November", "December", "According",
            "Update", "Federal", "State", "Prime", "Foreign", "Interior", "Ministry", "Office", "Chancellor");

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
                    if (!COMMON.contains(m.group(1))) {
                        seen.add(m.group(1));
                    }
                }
            }
            seen.forEach(n -> byArticles.merge(n, 1, Integer::sum));
        }
        List<String> top = byArticles.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(NAMES)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
        String names = top.isEmpty() ? "" : ", mostly about " + join(top);
        return "They cover " + catalog.describe() + names + ".";
    }

    private static String join(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
