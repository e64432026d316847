package dev.briefing.knowledge.ingest;

import dev.briefing.knowledge.article.Article;

/**
 * Reads one kind of article file into an {@link Article}. Implementations are chosen by file extension.
 */
public interface ArticleReader {

    /**
     * Reads an article from a file's decoded text.
     *
     * @param id the article's stable id
     * @param content the file's text, already checked to be UTF-8, non-empty and of sane size
     * @param hash the file's content hash
     * @throws UnreadableArticleException when the content is not an article of this format
     */
    Article read(String id, String content, String hash) throws UnreadableArticleException;
}
