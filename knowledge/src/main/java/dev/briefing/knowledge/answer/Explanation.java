package dev.briefing.knowledge.answer;

import java.util.List;

/**
 * Why the answerer answered or abstained, input by input, as Lucene's {@code Explanation} does for a hit's score.
 * Two scores stand behind every answer: the best sentence's score, the ranker's log-odds that it states the
 * answer (which chose it over the other candidates), and the decision, the calibrator's log-odds that the answer
 * it leads cites a sentence that answers (which says whether to answer at all). The decision's probability is
 * compared with the model's one cut-off.
 *
 * @param sentence the best candidate's text, or empty when there was none
 * @param score the best sentence's score, feature by feature
 * @param decision the calibrator's log-odds, input by input; its probability is {@code probability}
 * @param probability the calibrated probability that the answer cites a sentence that answers the question
 * @param cutoff below this probability the answerer abstains
 */
public record Explanation(String sentence, Score score, Score decision, double probability, double cutoff) {

    /** No candidate at all: nothing was retrieved. */
    public static final Explanation NONE = new Explanation("", Score.NONE, Score.NONE, 0, 1);

    /**
     * A log-odds and what it is made of: the base plus every part's contribution.
     *
     * @param base what every input starts from (the model's intercept)
     * @param parts each input's value and contribution, largest contribution (either sign) first
     * @param logit the log-odds
     */
    public record Score(double base, List<Part> parts, double logit) {

        /** Nothing scored. */
        public static final Score NONE = new Score(0, List.of(), Double.NEGATIVE_INFINITY);

        public Score {
            parts = List.copyOf(parts);
        }
    }

    /**
     * One input's share of a score.
     *
     * @param feature the input's name
     * @param value its raw value
     * @param contribution what it adds to the log-odds: weight times the standardised value, or the trees' share
     */
    public record Part(String feature, double value, double contribution) {
    }
}
