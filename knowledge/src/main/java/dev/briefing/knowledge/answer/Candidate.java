package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;

/**
 * One sentence of a retrieved passage that might answer the question, with its features and the model's score.
 *
 * @param article the article
 * @param passage the passage
 * @param sentence the sentence's position in the passage
 * @param features its feature values, in the order of {@link Features#NAMES}
 * @param logit the sentence model's score (log-odds that it states the answer)
 */
public record Candidate(Article article, Passage passage, int sentence, double[] features, double logit) {

    public Candidate {
        if (sentence < 0 || sentence >= passage.sentences().size()) {
            throw new IllegalArgumentException("illegal sentence " + sentence + " of passage " + passage.id());
        }
        if (features.length != Features.NAMES.size()) {
            throw new IllegalArgumentException("illegal feature count " + features.length + ", must be " + Features.NAMES.size());
        }
    }

    /** The sentence's offsets in the article. */
    public Span span() {
        return passage.sentences().get(sentence);
    }

    /** The sentence's verbatim text. */
    public String text() {
        return passage.sentenceText(span());
    }

    Candidate withLogit(double value) {
        return new Candidate(article, passage, sentence, features, value);
    }
}
