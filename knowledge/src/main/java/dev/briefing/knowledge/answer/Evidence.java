package dev.briefing.knowledge.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Pure tests of whether a sentence holds the kind of detail a question asks for. */
final class Evidence {

    /**
     * The words {@link #NUMBER} and {@link #TIME} match whole without a digit, any letter case: the patterns are
     * built from them, and a word of a sentence not among them is spared the patterns' long alternations.
     */
    private static final Set<String> NUMBER_WORDS = Set.of("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
            "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozen",
            "dozens", "half");
    /** The words of {@link #NUMBER}'s alternatives: its number words, and those of "a third" and "a quarter". */
    private static final Set<String> NUMBER_PATTERN_WORDS = Stream.concat(NUMBER_WORDS.stream(),
            Stream.of("third", "quarter")).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> TIME_WORDS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
            "sept", "oct", "nov", "dec", "yesterday", "today", "tonight", "tomorrow", "morning", "evening", "night",
            "noon", "midnight", "week", "month", "year", "years", "ago", "decade", "decades", "recently", "earlier",
            "later", "since", "until");

    private static final Pattern NUMBER = Pattern.compile("\\d|\\b(one(?! of\\b)|"
            + alternatives(NUMBER_WORDS.stream().filter(w -> !w.equals("one"))) + "|a third|a quarter)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("\\b(" + alternatives(TIME_WORDS.stream())
            + ")\\b|\\b(1[89]|20)\\d\\d\\b|\\b\\d{1,2}(:\\d\\d)?\\s?([ap]\\.?m\\.?)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_NAMES = Set.of(
            "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "As", "It", "He", "She", "They", "We", "I",
            "This", "That", "These", "Those", "There", "His", "Her", "Its", "Their", "According", "After", "Before",
            "Since", "While", "When", "Where", "What", "Who", "Why", "How", "Update", "First", "Last", "Meanwhile",
            "However", "Also", "Of", "For", "From", "To", "With", "By", "Many", "Some", "All", "Most", "Several",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
            "March", "April", "May", "June", "July", "August", "September", "October", "November", "December");

    private Evidence() {
    }

    /** "a|b|c": the words as a regular expression's alternatives, longest first, so none stops at a shorter one. */
    private static String alternatives(Stream<String> words) {
        return words.sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .collect(Collectors.joining("|"));
    }

    static boolean hasNumber(String sentence) {
        return mayHold(sentence, NUMBER_PATTERN_WORDS) && NUMBER.matcher(sentence).find();
    }

    static boolean hasTime(String sentence) {
        return mayHold(sentence, TIME_WORDS) && TIME.matcher(sentence).find();
    }

    /**
     * Whether {@link #NUMBER} or {@link #TIME} can match a text: only if it has an ASCII digit (their {@code \d}),
     * or a whole run of ASCII letters that is one of their words in any case (their {@code \b} stands between a
     * letter and anything but a letter, a digit or an underscore, and they fold ASCII case only). Most sentences
     * have neither, and are spared scanning the patterns' long alternations at every position.
     */
    private static boolean mayHold(String text, Set<String> words) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c >= '0' && c <= '9') {
                return true;
            }
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                if (i - start >= 3 && i - start <= 9 && mayMatch(words, text.substring(start, i))) {
                    return true;
                }
                start = -1;
            }
        }
        return false;
    }

    /**
     * Whether the sentence names someone or something (a capitalised word that does not open the sentence,
     * or an acronym) whose stem the question does not contain.
     */
    static boolean namesSomethingNew(String sentence, Set<String> questionStems, Function<String, List<String>> analyze) {
        return namesSomethingNew(words(sentence), questionStems, analyze);
    }

    /** As {@link #namesSomethingNew(String, Set, Function)}, over the sentence's {@link #words}. */
    static boolean namesSomethingNew(List<Word> words, Set<String> questionStems, Function<String, List<String>> analyze) {
        for (Word w : words) {
            if (w.name()) {
                // an empty list: the word is too common to name anyone in particular
                List<String> stems = analyze.apply(w.text());
                if (!stems.isEmpty() && stems.stream().noneMatch(questionStems::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One word of a sentence and the kinds of detail it is.
     *
     * @param text the word as written
     * @param count a figure that counts something (a digit or a number word, not a year or a day of a month)
     * @param time a time expression, or part of one
     * @param name a capitalised word that does not open a clause, or an acronym (whether the question names it
     *             too is for the caller to say)
     * @param pause the first of the marks . , ; : ! ? standing between the word and the one before it, else a space
     */
    record Word(String text, boolean count, boolean time, boolean name, char pause) {
    }

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’.,&-]*[\\p{L}\\p{N}]|[\\p{L}\\p{N}]");
    private static final Pattern YEAR = Pattern.compile("(1[89]|20)\\d\\d");
    private static final Pattern MONTH = Pattern.compile("(?i)jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?"
            + "|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?");

    /**
     * The sentence's words in order, each with the kinds of detail it is. Asked for every candidate sentence of
     * every question, so a pattern is tried only on a word it could match (a year has four digits, a month's name
     * three to nine letters and a month's initial), and nothing is allocated per word but the word.
     */
    static List<Word> words(String sentence) {
        List<Word> out = new ArrayList<>();
        var m = TOKEN.matcher(sentence);
        boolean first = true;
        int last = 0;
        String previous = "";
        while (m.find()) {
            if (opensClause(sentence, last, m.start())) {
                first = true;
            }
            int gapStart = last;
            last = m.end();
            String w = m.group();
            boolean digits = hasDigit(w);
            boolean number = digits || mayMatch(NUMBER_WORDS, w) && NUMBER.matcher(w).matches();
            boolean clock = digitColonDigit(sentence, m.end()) || digitColonDigit(sentence, m.start() - 1);
            boolean year = digits && w.length() == 4 && YEAR.matcher(w).matches();
            boolean dateLike = year || mayBeMonth(previous) && MONTH.matcher(previous).matches() || clock;
            boolean capital = Character.isUpperCase(w.charAt(0));
            boolean acronym = w.length() >= 2 && isAcronym(w);
            boolean name = (capital && !first || acronym) && !NOT_NAMES.contains(w);
            boolean time = (digits || mayMatch(TIME_WORDS, w)) && (TIME.matcher(w).matches() || year);
            out.add(new Word(w, number && !dateLike, time || clock, name, pause(sentence, gapStart, m.start())));
            previous = w;
            first = false;
        }
        return out;
    }

    /** The first of the marks . , ; : ! ? between two words, else a space. */
    private static char pause(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?') {
                return c;
            }
        }
        return ' ';
    }

    /** Whether the text between two words opens a new clause: a colon, a dash or a quotation mark. */
    private static boolean opensClause(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':' || c == '–' || c == '—' || c == '"' || c == '“') {
                return true;
            }
        }
        return false;
    }

    /** Whether a word holds a digit ("1917", "2,500", "10th", "Covid-19"). */
    static boolean hasDigit(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isDigit(w.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Capitals only, with hyphens or ampersands: "NATO", "AT&T". */
    private static boolean isAcronym(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!Character.isUpperCase(c) && c != '-' && c != '&') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@link #MONTH} could match a word: three to nine letters, and a month's initial. */
    private static boolean mayBeMonth(String w) {
        return w.length() >= 3 && w.length() <= 9 && "jfmasondJFMASOND".indexOf(w.charAt(0)) >= 0;
    }

    /**
     * The numerals among the words, lower-cased as written ("1917", "2,500", "10th"). A question that names a figure
     * asks about that one: a sentence stating another ("in 1914") is about something else. Number words are left
     * out: held out, counting them (and ordinals) declined more SQuAD traps but answered fewer news questions.
     */
    static Set<String> figures(List<Word> words) {
        Set<String> out = new HashSet<>();
        for (Word w : words) {
            String text = w.text();
            if (hasDigit(text)) {
                out.add(text.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** How the words before a question's figure bound the figure a sentence may state for it. */
    enum Bound {
        /** No bounding words: the sentence must state the figure as written. */
        EXACT,
        /** "about", "nearly", "roughly": the sentence's figure rounds to it. */
        ABOUT,
        /** "more than", "over", "at least": the sentence's figure rounds down to it. */
        MORE,
        /** "less than", "under", "up to": the sentence's figure rounds up to it. */
        LESS
    }

    /**
     * A figure of a question with the words that bound it: "more than $11 million" is {@code 11 million, MORE}.
     *
     * @param text the numeral, lower-cased as written (as {@link #figures} gives it)
     * @param value its value, a scale word after it counted ("11 million"); NaN when it is no plain number ("10th")
     * @param step the place value of its last non-zero digit as written ("21,000": 1,000; "2.5 million": 100,000):
     *             how precisely it was given
     */
    record Figure(String text, double value, double step, Bound bound) {

        /**
         * Whether a figure a sentence states, of this value, is this one as a reader of the question takes it:
         * when the question bounds it, one that rounds to it at the precision it was written with ("more than $11
         * million" is "$11.8 million", not "$14 million" or "$9 million"). As written, it is the same numeral.
         */
        boolean heldBy(double value) {
            if (Double.isNaN(this.value) || Double.isNaN(value)) {
                return false;
            }
            return switch (bound) {
                case EXACT -> false;
                case ABOUT -> Math.abs(value - this.value) <= step / 2;
                case MORE -> value >= this.value && value < this.value + step;
                case LESS -> value <= this.value && value > this.value - step;
            };
        }
    }

    private static final Map<String, Bound> BOUNDS = Map.ofEntries(
            Map.entry("about", Bound.ABOUT), Map.entry("around", Bound.ABOUT), Map.entry("approximately", Bound.ABOUT),
            Map.entry("roughly", Bound.ABOUT), Map.entry("nearly", Bound.ABOUT), Map.entry("almost", Bound.ABOUT),
            Map.entry("some", Bound.ABOUT), Map.entry("close to", Bound.ABOUT), Map.entry("an estimated", Bound.ABOUT),
            Map.entry("more than", Bound.MORE), Map.entry("over", Bound.MORE), Map.entry("at least", Bound.MORE),
            Map.entry("greater than", Bound.MORE), Map.entry("upwards of", Bound.MORE),
            Map.entry("exceeding", Bound.MORE), Map.entry("no fewer than", Bound.MORE),
            Map.entry("no less than", Bound.MORE), Map.entry("less than", Bound.LESS),
            Map.entry("fewer than", Bound.LESS), Map.entry("under", Bound.LESS), Map.entry("up to", Bound.LESS),
            Map.entry("at most", Bound.LESS), Map.entry("no more than", Bound.LESS));
    private static final Map<String, Double> SCALES = Map.of("thousand", 1e3, "million", 1e6, "billion", 1e9,
            "trillion", 1e12);
    private static final Pattern PLAIN_NUMBER = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\d+(\\.\\d+)?");

    /** The figures among a question's words ({@link #figures}), each with its value and the words bounding it. */
    static List<Figure> boundedFigures(List<Word> words) {
        List<Figure> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String text = words.get(i).text();
            if (!hasDigit(text)) {
                continue;
            }
            Bound bound = Bound.EXACT;
            for (int n = 3; n >= 1 && bound == Bound.EXACT; n--) {
                if (i >= n) {
                    String before = words.subList(i - n, i).stream().map(w -> w.text().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(" "));
                    bound = BOUNDS.getOrDefault(before, Bound.EXACT);
                }
            }
            double[] valueAndStep = valueAndStep(words, i);
            out.add(new Figure(text.toLowerCase(Locale.ROOT), valueAndStep[0], valueAndStep[1], bound));
        }
        return out;
    }

    /**
     * Whether the words state every figure of the question, each as {@link Figure#heldBy} reads it; a bounded
     * figure is held by a count (a year or a day does not round to a count).
     */
    static boolean holdsFigures(List<Figure> asked, List<Word> words) {
        Set<String> stated = figures(words);
        for (Figure f : asked) {
            if (stated.contains(f.text())) {
                continue;
            }
            boolean held = false;
            for (int i = 0; i < words.size() && !held && f.bound() != Bound.EXACT; i++) {
                Word w = words.get(i);
                held = w.count() && hasDigit(w.text()) && f.heldBy(valueAndStep(words, i)[0]);
            }
            if (!held) {
                return false;
            }
        }
        return true;
    }

    /** The value of the numeral at {@code i}, times the scale word after it, and its step; NaN for both if none. */
    private static double[] valueAndStep(List<Word> words, int i) {
        String text = words.get(i).text();
        if (!PLAIN_NUMBER.matcher(text).matches()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        String digits = text.replace(",", "");
        double scale = i + 1 < words.size()
                ? SCALES.getOrDefault(words.get(i + 1).text().toLowerCase(Locale.ROOT), 1.0) : 1.0;
        int point = digits.indexOf('.');
        double step;
        if (point >= 0) {
            step = Math.pow(10, -(digits.length() - point - 1));
        } else {
            int zeros = 0;
            while (zeros < digits.length() - 1 && digits.charAt(digits.length() - 1 - zeros) == '0') {
                zeros++;
            }
            step = Math.pow(10, zeros);
        }
        return new double[] {Double.parseDouble(digits) * scale, step * scale};
    }

    /** Whether a word without digits may be one of these (the patterns fold ASCII case only, so this is looser). */
    private static boolean mayMatch(Set<String> words, String w) {
        return words.contains(w.toLowerCase(Locale.ROOT));
    }

    /** Whether a colon stands at this index between two digits, as in a clock time ("3:45"). */
    private static boolean digitColonDigit(String s, int colon) {
        return colon > 0 && colon + 1 < s.length() && s.charAt(colon) == ':'
                && Character.isDigit(s.charAt(colon - 1)) && Character.isDigit(s.charAt(colon + 1));
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
