package dev.briefing.knowledge.article;

/** A half-open character range {@code [start, end)} of an article's text. */
public record Span(int start, int end) {

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("illegal span [" + start + ", " + end + "), must have 0 <= start <= end");
        }
    }

    public int length() {
        return end - start;
    }
}
