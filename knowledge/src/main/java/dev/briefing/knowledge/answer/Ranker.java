package dev.briefing.knowledge.answer;

/**
 * Scores a candidate sentence's {@link Features} into log-odds that it states the answer, and says how much
 * each feature added: the base plus the contributions is the score, so every answer can be explained as
 * Lucene explains a hit.
 */
sealed interface Ranker permits LogisticRegression.Fit, BoostedTrees {

    /** Log-odds that a sentence with these features states the answer. */
    double logit(double[] features);

    /** What every sentence starts from before its features count. */
    double base();

    /** Each feature's share of {@link #logit}, in the order of {@link Features#NAMES}. */
    double[] contributions(double[] features);
}
