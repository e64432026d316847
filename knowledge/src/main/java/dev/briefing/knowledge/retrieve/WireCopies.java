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
                if (!out.get(i).passage().articleId().equals(sp.passage().articleId()) && jaccard(w, words.get(i)) >= SAME_TEXT) {
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

    /** A text's lower-cased words, for telling copies of one text from different texts. */
    public static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
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
