package dev.briefing.knowledge.answer;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Pure tests of whether a sentence holds the kind of detail a question asks for. */
final class Evidence {

    private static final Pattern NUMBER = Pattern.compile(
            "\\d|\\b(one(?! of\\b)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
                    + "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?"
                    + "|thousands?|millions?|billions?|dozens?|half|a third|a quarter)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile(
            "\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july"
                    + "|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
                    + "|yesterday|today|tonight|tomorrow|morning|evening|night|noon|midnight|week|month|year|years"
                    + "|ago|decades?|recently|earlier|later|since|until)\\b|\\b(1[89]|20)\\d\\d\\b|\\b\\d{1,2}(:\\d\\d)?\\s?([ap]\\.?m\\.?)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_NAMES = Set.of(
            "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "As", "It", "He", "She", "They", "We", "I",
            "This", "That", "These", "Those", "There", "His", "Her", "Its", "Their", "According", "After", "Before",
            "Since", "While", "When", "Where", "What", "Who", "Why", "How", "Update", "First", "Last", "Meanwhile",
            "However", "Also", "Of", "For", "From", "To", "With", "By", "Many", "Some", "All", "Most", "Several",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
            "March", "April", "May", "June", "July", "August", "September", "October", "November", "December");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’-]*");

    private Evidence() {
    }

    static boolean hasNumber(String sentence) {
        return NUMBER.matcher(sentence).find();
    }

    static boolean hasTime(String sentence) {
        return TIME.matcher(sentence).find();
    }

    /**
     * Whether the sentence names someone or something (a capitalised word that does not open the sentence,
     * or an acronym) whose stem the question does not contain.
     */
    static boolean namesSomethingNew(String sentence, Set<String> questionStems, Function<String, List<String>> analyze) {
        var m = WORD.matcher(sentence);
        boolean first = true;
        int last = 0;
        while (m.find()) {
            // a capital after a colon or dash opens a clause, like a sentence's first word
            String between = sentence.substring(last, m.start());
            last = m.end();
            if (between.contains(":") || between.contains("–") || between.contains("—")) {
                first = true;
            }
            String w = m.group();
            boolean capital = Character.isUpperCase(w.charAt(0));
            boolean acronym = w.length() >= 2 && w.chars().allMatch(c -> Character.isUpperCase(c) || c == '-');
            if ((capital && !first || acronym) && !NOT_NAMES.contains(w)) {
                // an empty list: the word is too common to name anyone in particular
                List<String> stems = analyze.apply(w);
                if (!stems.isEmpty() && stems.stream().noneMatch(questionStems::contains)) {
                    return true;
                }
            }
            first = false;
        }
        return false;
    }

    /** Edit distance, bounded: returns {@code max + 1} as soon as it must exceed {@code max}. */
    static int editDistance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
