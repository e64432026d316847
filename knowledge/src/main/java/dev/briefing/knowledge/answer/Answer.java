package dev.briefing.knowledge.answer;

import java.util.List;
import java.util.Objects;

/**
 * The reply to one question.
 *
 * @param answered whether the articles hold the answer; when false, {@code citations} is empty
 * @param text the reply: composed from the cited sentences, or, when not answered, what the articles cover
 * @param citations the quotes the reply rests on, numbered from 1 in the text as {@code [n]}
 * @param query the question as it was searched, after follow-up resolution
 * @param explanation why it answered or abstained, and why from its best sentence: input by input
 */
public record Answer(boolean answered, String text, List<Citation> citations, String query, Explanation explanation) {

    public Answer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(explanation, "explanation");
        citations = List.copyOf(citations);
        if (!answered && !citations.isEmpty()) {
            throw new IllegalArgumentException("an unanswered reply must cite nothing, got " + citations.size() + " citations");
        }
        if (answered && citations.isEmpty()) {
            throw new IllegalArgumentException("an answered reply must cite at least one passage");
        }
    }

    /** A reply with nothing to explain (composed elsewhere, or scripted). */
    public Answer(boolean answered, String text, List<Citation> citations, String query) {
        this(answered, text, citations, query, Explanation.NONE);
    }

    /** A reply saying the articles do not hold the answer. */
    public static Answer notFound(String text, String query) {
        return new Answer(false, text, List.of(), query);
    }
}
