package dev.briefing.knowledge.retrieve;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Folds wire copies (the same agency paragraph in several articles) into one hit, so copies do not crowd
 * other evidence out of the top k. The best-dated copy stands for the group (a date from metadata before one
 * from the text before none, then the earliest); the others ride along as {@link ScoredPassage#copies()}.
 */
public final class WireCopies {

    /** Passages sharing this fraction of their words are copies of one text. */
    static final double SAME_TEXT = 0.8;

    private WireCopies() {
    }

    static List<ScoredPassage> fold(List<ScoredPassage> ranked, int k, Function<String, Article> articles) {
        return fold(ranked, k, articles, p -> words(p.text()));
    }

    /** As {@link #fold(List, int, Function)}, with the passages' word sets from {@code wordsOf} (a cache). */
    static List<ScoredPassage> fold(List<ScoredPassage> ranked, int k, Function<String, Article> articles,
                                    Function<Passage, Set<String>> wordsOf) {
        List<ScoredPassage> out = new ArrayList<>();
        List<Set<String>> words = new ArrayList<>();
        for (ScoredPassage sp : ranked) {
            Set<String> w = wordsOf.apply(sp.passage());
            int copyOf = -1;
            for (int i = 0; i < out.size() && copyOf < 0; i++) {
                if (!out.get(i).passage().articleId().equals(sp.passage().articleId())
                        && mayShare(w.size(), words.get(i).size(), SAME_TEXT) && jaccard(w, words.get(i)) >= SAME_TEXT) {
                    copyOf = i;
                }
            }
            if (copyOf < 0) {
                if (out.size() < k) {
                    out.add(sp);
                    words.add(w);
                }
                continue;
            }
            ScoredPassage group = out.get(copyOf);
            List<Passage> copies = new ArrayList<>(group.copies());
            if (betterDated(articles.apply(sp.passage().articleId()), articles.apply(group.passage().articleId()))) {
                copies.add(group.passage());
                out.set(copyOf, new ScoredPassage(sp.passage(), group.score(), group.lexical(), group.dense(), copies));
            } else {
                copies.add(sp.passage());
                out.set(copyOf, new ScoredPassage(group.passage(), group.score(), group.lexical(), group.dense(), copies));
            }
        }
        return out;
    }

    private static boolean betterDated(Article a, Article b) {
        return Article.BY_DATING.compare(a, b) < 0;
    }

    /**
     * Whether two sets of these sizes can share {@code threshold} of their words: the shared words are at most the
     * smaller set, all words at least the larger, so their ratio bounds the Jaccard index from above. Most pairs of
     * passages differ in length by more than that, and are told apart without comparing their words.
     */
    static boolean mayShare(int a, int b, double threshold) {
        return Math.min(a, b) >= threshold * Math.max(a, b);
    }

    /**
     * A text's lower-cased words (runs of letters and numbers, as the pattern {@code [\p{L}\p{N}]+} finds them),
     * for telling copies of one text from different texts. Scanned by hand: a regular expression split took a
     * tenth of a first-time question's time at 5,000 articles, over about 100 passages a question.
     */
    public static Set<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> out = new HashSet<>();
        int start = -1;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            if (isWordChar(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(lower.substring(start));
        }
        return out;
    }

    /** {@code \p{L}} or {@code \p{N}}: a letter, or a number of any kind (digits, Roman numerals, fractions). */
    private static boolean isWordChar(int cp) {
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** Shared words over all words; 0 when either set is empty. */
    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int inter = 0;
        for (String w : a) {
            if (b.contains(w)) {
                inter++;
            }
        }
        return (double) inter / (a.size() + b.size() - inter);
    }
}
