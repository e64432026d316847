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
 * @param fromNext share covered only thanks to the next sentence
 * @param missesName whether a name the user typed is nowhere in the sentence, its passage or its title
 * @param wordsNear share of the question's own words (names aside) found in or next to the sentence
 * @param typeOk whether it holds the kind of detail asked for
 * @param retrieval the passage's fused retrieval score relative to the best passage
 * @param dense the passage's embedding similarity to the question, as Lucene maps cosine to [0, 1]
 * @param bonus small preferences (near the last citation in a follow-up, answer-type hints)
 */
record SentenceScore(Article article, Passage passage, int index, String text, Set<String> stems, double coverage,
                     double self, double fromPrevious, double fromNext, boolean missesName, double wordsNear, boolean typeOk, double retrieval, double dense, double bonus) {

    /** Credit for a question term found next to the sentence rather than in it. */
    static final double NEIGHBOUR = 0.5;
    /** Credit for a name found next to the sentence: names are introduced once, then referred to as "he" or "it". */
    static final double NAME_NEIGHBOUR = 0.8;
    /**
     * For "how many" and "when", the words saying what is counted or dated must stand by the figure: a number
     * of soldiers sent does not answer how many were killed.
     */
    static final double MIN_WORDS_NEAR = 0.7;
    /** Credit for a term elsewhere in the passage or in the article's title. */
    static final double PASSAGE = 0.3;

    /**
     * How much of the question's weight a sentence covers: [coverage, self, fromPrevious, fromNext, names missing,
     * share of the question's own non-name words in or next to the sentence]. A term the index
     * does not know may match a sentence word within a small edit distance (a different transliteration).
     */
    static double[] coverage(List<Question.Term> terms, Set<String> sentence, Set<String> previous, Set<String> next,
                             Set<String> passage, Set<String> title, boolean contextGiven, double dense) {
        double paraphrase = paraphraseCredit(dense);
        double total = 0;
        double got = 0;
        double self = 0;
        double fromPrevious = 0;
        double fromNext = 0;
        double namesMissing = 0;
        double wordsTotal = 0;
        double wordsNear = 0;
        for (Question.Term t : terms) {
            if (!t.proper() && !t.context()) {
                wordsTotal += t.mass();
                if (contains(sentence, t)) {
                    wordsNear += t.mass();
                } else if (contains(previous, t) || contains(next, t)) {
                    wordsNear += NEIGHBOUR * t.mass();
                } else {
                    wordsNear += paraphrase * t.mass();
                }
            }
            double mass = t.mass();
            double neighbour = t.proper() ? NAME_NEIGHBOUR : NEIGHBOUR;
            total += mass;
            if (contains(sentence, t)) {
                got += mass;
                self += mass;
            } else if (contextGiven && t.context()) {
                // next to what was just cited, the conversation's topic is given: "This was reported by Tass."
                got += mass;
                self += mass;
            } else if (contains(previous, t)) {
                got += neighbour * mass;
                fromPrevious += neighbour * mass;
            } else if (contains(next, t)) {
                got += neighbour * mass;
                fromNext += neighbour * mass;
            } else if (contains(passage, t) || contains(title, t)) {
                got += Math.max(PASSAGE, t.proper() ? 0 : paraphrase) * mass;
            } else if (!t.proper()) {
                got += paraphrase * mass;
            } else if (!t.context()) {
                namesMissing++;
            }
        }
        if (total == 0) {
            return new double[] {0, 0, 0, 0, 0, 0};
        }
        return new double[] {got / total, self / total, fromPrevious / total, fromNext / total, namesMissing,
                wordsTotal == 0 ? 1 : wordsNear / wordsTotal};
    }

    /** Dense similarity from which a passage is taken to paraphrase the question, and where credit is full. */
    static final double PARAPHRASE_FROM = 0.86;
    static final double PARAPHRASE_FULL = 0.94;
    /** The most a paraphrase can earn a word (never a name: names must be matched as written). */
    static final double PARAPHRASE_MAX = 0.6;

    /**
     * Credit for a question word the passage does not hold, when the passage's embedding is very close to the
     * question's ("halting exports of military equipment" for "decide about arms exports").
     */
    static double paraphraseCredit(double dense) {
        double x = (dense - PARAPHRASE_FROM) / (PARAPHRASE_FULL - PARAPHRASE_FROM);
        return PARAPHRASE_MAX * Math.max(0, Math.min(1, x));
    }

    private static boolean contains(Set<String> stems, Question.Term t) {
        if (stems.contains(t.stem()) || t.surname() != null && stems.contains(t.surname())
                || !t.spelledOut().isEmpty() && stems.containsAll(t.spelledOut())) {
            return true;
        }
        if (t.proper() && t.stem().length() >= 5) {
            // forms of one name: Germany/German, Russia/Russian, Kazakhstan/Kazakh
            for (String s : stems) {
                if (s.length() >= 5 && (s.startsWith(t.stem()) || t.stem().startsWith(s))) {
                    return true;
                }
            }
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

    /** Whether the sentence may answer: the detail asked for, enough coverage, and every name the user typed nearby. */
    boolean eligible(AnswerType type, double minCoverage, double minSelf) {
        return (typeOk || !type.required) && coverage >= minCoverage && self >= minSelf && !missesName
                && (!type.countsOrDates() || wordsNear >= MIN_WORDS_NEAR);
    }

    /** The ranking score: coverage first; the sentence's own share, retrieval and preferences break near-ties. */
    double total() {
        return coverage + 0.25 * self + 0.1 * retrieval + bonus;
    }

    boolean leansOnPrevious() {
        return fromPrevious > 0.1;
    }

    boolean leansOnNext() {
        return fromNext > 0.15;
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
