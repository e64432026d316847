package dev.briefing.knowledge.summarize;

import dev.briefing.knowledge.article.Article;

/**
 * A citable sentence of an article: a trimmed, verbatim span of its text.
 *
 * @param article the article it comes from
 * @param ordinal its position among the article's citable sentences, from 0 (for the lead bias)
 * @param start offset in {@code article.text()}
 * @param end offset just past it
 * @param passageId the passage holding it
 */
record Sentence(Article article, int ordinal, int start, int end, String passageId) {

    Sentence {
        if (start < 0 || end <= start || end > article.text().length()) {
            throw new IllegalArgumentException("illegal sentence span [" + start + ", " + end + ") of " + article.id());
        }
    }

    String text() {
        return article.text().substring(start, end);
    }
}
