package dev.briefing.knowledge.ingest;

import dev.briefing.knowledge.article.Article;

/** Reads {@code .txt} and {@code .md} files: the file's text is the article text, offsets are file offsets. */
final class PlainTextReader implements ArticleReader {

    @Override
    public Article read(String id, String content, String hash) throws UnreadableArticleException {
        Article a = ArticleAssembler.assemble(id, content, hash, ArticleAssembler.Hints.NONE);
        if (a.passages().isEmpty()) {
            throw new UnreadableArticleException("no article text (only headings, dates or page debris)");
        }
        return a;
    }
}
