package dev.briefing.knowledge.answer;

import java.util.List;

/**
 * Why the answerer chose (or refused) its best sentence, feature by feature, as Lucene's {@code Explanation}
 * does for a hit's score: the model's log-odds is the bias plus each part's contribution, and the calibrated
 * probability is compared with the model's one cut-off.
 *
 * @param sentence the best candidate's text, or empty when there was none
 * @param bias the model's intercept
 * @param parts each feature's value and contribution, largest contribution (either sign) first
 * @param logit the log-odds the sentence states the answer
 * @param probability the calibrated probability that it answers the question
 * @param cutoff below this probability the answerer abstains
 */
public record Explanation(String sentence, double bias, List<Part> parts, double logit, double probability, double cutoff) {

    /** No candidate at all: nothing was retrieved. */
    public static final Explanation NONE = new Explanation("", 0, List.of(), Double.NEGATIVE_INFINITY, 0, 1);

    public Explanation {
        parts = List.copyOf(parts);
    }

    /**
     * One feature's share of the score.
     *
     * @param feature the feature's name
     * @param value its raw value for the sentence
     * @param contribution what it adds to the log-odds: weight times the standardised value
     */
    public record Part(String feature, double value, double contribution) {
    }
}
