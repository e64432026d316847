package dev.briefing.knowledge.summarize;

import dev.briefing.knowledge.answer.Citation;

import java.util.Objects;

/**
 * One point of a briefing: a verbatim quote with where it stands, and why it was chosen.
 *
 * @param citation the quote; {@code citation.alsoReportedBy()} names the wire copies folded into it
 * @param score the parts of its rank
 */
public record Point(Citation citation, Score score) {

    public Point {
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(score, "score");
    }

    /** The quoted text. */
    public String text() {
        return citation.quote();
    }
}
