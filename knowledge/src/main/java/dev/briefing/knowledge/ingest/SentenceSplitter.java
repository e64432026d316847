package dev.briefing.knowledge.ingest;

import dev.briefing.knowledge.article.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits text into sentences, keeping offsets. A sentence ends at {@code . ! ?} (and any closing quotes or
 * brackets after it) when whitespace and a capital, digit or opening quote follow, unless the word before
 * the stop is an abbreviation or an initial. Rule-based because {@link java.text.BreakIterator} splits
 * inside "p.m." and after "Mr." in news copy.
 */
public final class SentenceSplitter {

    /**
     * Abbreviations that end with a period inside a sentence (lower case, without the period). Not "etc.": before a
     * capital, where alone a stop can end a sentence, it ends one ("…were infidels, etc. While this effort…").
     */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "lt", "col", "maj", "capt", "sgt", "cmdr",
            "sen", "rep", "gov", "pres", "rev", "hon", "mt", "ft", "no", "nos", "v", "vs", "e.g", "i.e",
            "sens", "reps", "govs", "gens", "drs", "profs", "c", "ca",
            "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "inc", "ltd", "co", "corp", "dept", "est", "fig", "al");

    /** Capitals, each with its period: an initial ("F."), a run of them ("O.B.", "J.R.R."), "U.S.". */
    private static final Pattern INITIALS = Pattern.compile("(?:\\p{Lu}\\.)+");

    /** Dashes that, set off by a space, part a caption from the text on its line. */
    private static final String DASHES = "-–—";
    private static final Pattern PARTING = Pattern.compile("\\s*(?:[" + DASHES + "]\\s+)?");

    private SentenceSplitter() {
    }

    /** The sentences of a whole text (a question, say), as spans trimmed of surrounding whitespace. */
    public static List<Span> split(String text) {
        return split(text, 0, text.length());
    }

    /** The sentences of {@code text[from, to)}, as absolute spans trimmed of surrounding whitespace. */
    static List<Span> split(String text, int from, int to) {
        List<Span> out = new ArrayList<>();
        int start = from;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '…') {
                int end = i + 1;
                while (end < to && isCloser(text.charAt(end))) {
                    end++;
                }
                int detached = detachedQuote(text, end, to);
                // a quote's closing mark set off by a space ends the sentence before it, even when the next one
                // follows it without a space, as translated copy prints them: "… and murderers? ”Tokayev also …"
                boolean glued = detached > end && detached < to && Character.isUpperCase(text.charAt(detached));
                end = detached;
                if (end < to && (glued || Character.isWhitespace(text.charAt(end)) && startsSentence(text, end, to))
                        && !(c == '.' && isAbbreviation(text, from, i))) {
                    add(out, text, start, end);
                    start = end;
                    i = end;
                    continue;
                }
                i = end;
                continue;
            }
            i++;
        }
        add(out, text, start, to);
        return out;
    }

    /**
     * Whether a sentence asks rather than states: it ends with a question mark, before any closing quotes or
     * brackets. An explainer's subheads ("What is pickleball?") and a writer's rhetorical questions state
     * nothing, so they are never quoted as an answer nor picked as a briefing point; a reported question that
     * ends as a statement ("'Why me?' she asked.") still states who asked.
     */
    public static boolean asks(String sentence) {
        int i = sentence.length() - 1;
        while (i >= 0 && (Character.isWhitespace(sentence.charAt(i)) || isCloser(sentence.charAt(i)))) {
            i--;
        }
        return i >= 0 && sentence.charAt(i) == '?';
    }

    /** A closing quote or bracket, which may stand after a sentence's stop. */
    static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']' || c == '»';
    }

    /**
     * Where a closing double quote that spaces set off from a sentence's stop ends ("murderers? ” The head of state
     * …"), when one stands at {@code from}; else {@code from}. Only ”, which never opens a quote, and only before
     * a space, a capital or the end, so that "belief, ”she said" stays one sentence.
     */
    private static int detachedQuote(String text, int from, int to) {
        int j = from;
        while (j < to && (text.charAt(j) == ' ' || text.charAt(j) == '\u00A0')) {
            j++;
        }
        if (j == from || j >= to || text.charAt(j) != '”') {
            return from;
        }
        int after = j + 1;
        return after == to || Character.isWhitespace(text.charAt(after)) || Character.isUpperCase(text.charAt(after))
                ? after : from;
    }

    private static boolean startsSentence(String text, int from, int to) {
        int j = from;
        while (j < to && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        if (j >= to) {
            return false;
        }
        char n = text.charAt(j);
        return Character.isUpperCase(n) || Character.isDigit(n) || n == '"' || n == '“' || n == '‘' || n == '\''
                || n == '(' || n == '[' || n == '«' || n == '+' || n == '*' || n == '•' || n == '-' || n == '–';
    }

    private static boolean isAbbreviation(String text, int from, int dot) {
        int j = dot;
        while (j > from && (Character.isLetter(text.charAt(j - 1)) || text.charAt(j - 1) == '.')) {
            j--;
        }
        String word = text.substring(j, dot).toLowerCase(Locale.ROOT);
        if (word.isEmpty()) {
            return false;
        }
        // A single capital letter is an initial ("John F. Kennedy"), and so is a run of them, each with its period
        // ("O.B. Curtis Water Treatment Plant", "J.R.R. Tolkien"); like "U.S.", such a run never ends a sentence
        if (INITIALS.matcher(text.substring(j, dot + 1)).matches()) {
            return true;
        }
        return ABBREVIATIONS.contains(word);
    }

    private static boolean isDash(char c) {
        return DASHES.indexOf(c) >= 0;
    }

    /**
     * Whether what stands between two sentences only parts them within one paragraph: white space with no blank
     * line in it, or a dash set off by it (which {@link #split} leaves out of the sentence after it).
     */
    public static boolean onlyParts(String between) {
        int newline = between.indexOf('\n');
        return PARTING.matcher(between).matches() && (newline < 0 || between.indexOf('\n', newline + 1) < 0);
    }

    private static void add(List<Span> out, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        // a dash set off by a space opens no sentence: it is a list's bullet, or what parts a caption from the text
        // on the same line ("…on August 2, 2022. - Voters in the traditionally conservative state…")
        if (start + 1 < end && isDash(text.charAt(start)) && Character.isWhitespace(text.charAt(start + 1))) {
            add(out, text, start + 1, end);
            return;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new Span(start, end));
        }
    }
}
