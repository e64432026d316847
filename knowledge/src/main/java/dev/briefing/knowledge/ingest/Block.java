package dev.briefing.knowledge.ingest;

/**
 * A paragraph-sized piece of an article's text and what it is.
 *
 * @param start offset of its first character (bullet markers and indentation excluded)
 * @param end offset just past its last non-blank character
 * @param kind what the block is
 */
record Block(int start, int end, Kind kind) {

    enum Kind {
        /** Article prose: indexed and citable. */
        BODY,
        /** A headline or section heading: no sentence to cite. */
        HEADING,
        /** A line carrying the date or the source. */
        METADATA,
        /** Page chrome, captions, credits, comment forms: never indexed. */
        DEBRIS
    }

    Block with(Kind k) {
        return new Block(start, end, k);
    }

    String text(String all) {
        return all.substring(start, end);
    }
}
