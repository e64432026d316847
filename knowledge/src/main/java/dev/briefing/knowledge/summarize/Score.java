package dev.briefing.knowledge.summarize;

/**
 * Why a sentence ranks where it does: the parts of its score, each in [0, 1].
 *
 * @param centrality cosine similarity of the sentence to the day's centroid (what the day is about)
 * @param coverage share of the day's other articles that report something similar (how widely carried)
 * @param position lead bias, {@code 1/sqrt(1 + i)} for the i-th sentence of its article
 * @param novelty {@code 1 - } the highest similarity to any sentence of the day before; 1 when that day is empty
 * @param total the weighted sum that orders points; novelty is not part of it
 */
public record Score(double centrality, double coverage, double position, double novelty, double total) {

    public Score {
        check("centrality", centrality);
        check("coverage", coverage);
        check("position", position);
        check("novelty", novelty);
        if (!(total >= 0 && total <= 1 + 1e-9)) {
            throw new IllegalArgumentException("illegal total value: " + total + ", must be between 0 and 1");
        }
    }

    private static void check(String name, double value) {
        // A little slack: cosines of normalized vectors may overshoot 1 by rounding.
        if (!(value >= -1e-9 && value <= 1 + 1e-9)) {
            throw new IllegalArgumentException("illegal " + name + " value: " + value + ", must be between 0 and 1");
        }
    }

    /** "0.62 = 0.5*centrality 0.71 + 0.3*coverage 0.50 + 0.2*position 0.58", for logs and explanations. */
    public String explain() {
        return String.format(java.util.Locale.ROOT,
                "%.2f = %.1f*centrality %.2f + %.1f*coverage %.2f + %.1f*position %.2f (novelty %.2f)",
                total, CentroidSummarizer.W_CENTRALITY, centrality, CentroidSummarizer.W_COVERAGE, coverage,
                CentroidSummarizer.W_POSITION, position, novelty);
    }
}
