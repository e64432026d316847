package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One candidate sentence and the parts of its score, kept apart so a choice can be explained.
 *
 * @param article the article
 * @param passage the passage
 * @param index the sentence's position in the passage
 * @param text its verbatim text
 * @param stems its analyzed terms
 * @param coverage share of the question's weight covered by the sentence and, partly, its context
 * @param self share covered by the sentence alone
 * @param fromPrevious share covered only thanks to the previous sentence
 * @param typeOk whether it holds the kind of detail asked for
 * @param retrieval the passage's fused retrieval score relative to the best passage
 * @param bonus small preferences (near the last citation in a follow-up, answer-type hints)
 */
record SentenceScore(Article article, Passage passage, int index, String text, Set<String> stems, double coverage,
                     double self, double fromPrevious, boolean typeOk, double retrieval, double bonus) {

    /** Credit for a question term found next to the sentence rather than in it. */
    static final double NEIGHBOUR = 0.5;
    /** Credit for a term elsewhere in the passage or in the article's title. */
    static final double PASSAGE = 0.3;

    /**
     * How much of the question's weight a sentence covers: [coverage, self, fromPrevious]. A term the index
     * does not know may match a sentence word within a small edit distance (a different transliteration).
     */
    static double[] coverage(List<Question.Term> terms, Set<String> sentence, Set<String> previous, Set<String> next,
                             Set<String> passage, Set<String> title) {
        double total = 0;
        double got = 0;
        double self = 0;
        double fromPrevious = 0;
        for (Question.Term t : terms) {
            double mass = t.mass();
            total += mass;
            if (contains(sentence, t)) {
                got += mass;
                self += mass;
            } else if (contains(previous, t)) {
                got += NEIGHBOUR * mass;
                fromPrevious += NEIGHBOUR * mass;
            } else if (contains(next, t)) {
                got += NEIGHBOUR * mass;
            } else if (contains(passage, t) || contains(title, t)) {
                got += PASSAGE * mass;
            }
        }
        if (total == 0) {
            return new double[] {0, 0, 0};
        }
        return new double[] {got / total, self / total, fromPrevious / total};
    }

    private static boolean contains(Set<String> stems, Question.Term t) {
        if (stems.contains(t.stem())) {
            return true;
        }
        if (t.known() || t.stem().length() < 5) {
            return false;
        }
        int max = t.stem().length() >= 7 ? 2 : 1;
        for (String s : stems) {
            if (s.charAt(0) == t.stem().charAt(0) && Evidence.editDistance(s, t.stem(), max) <= max) {
                return true;
            }
        }
        return false;
    }

    boolean eligible(double minCoverage, double minSelf) {
        return typeOk && coverage >= minCoverage && self >= minSelf;
    }

    /** The ranking score: coverage first; the sentence's own share, retrieval and preferences break near-ties. */
    double total() {
        return coverage + 0.25 * self + 0.1 * retrieval + bonus;
    }

    boolean leansOnPrevious() {
        return fromPrevious > 0.1;
    }

    boolean sameSentence(SentenceScore o) {
        return passage.id().equals(o.passage.id()) && index == o.index;
    }

    /** Whether two sentences are copies of each other (Jaccard similarity of stems at least {@code threshold}). */
    boolean duplicates(SentenceScore o, double threshold) {
        if (stems.isEmpty() || o.stems.isEmpty()) {
            return false;
        }
        Set<String> inter = new HashSet<>(stems);
        inter.retainAll(o.stems);
        int union = stems.size() + o.stems.size() - inter.size();
        return (double) inter.size() / union >= threshold;
    }
}
