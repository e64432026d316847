package dev.briefing.knowledge.index;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.ingest.ArticleFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's sample articles (the {@code articles} folder), read as the index's tests need them. */
final class SampleArticles {

    static final Path FOLDER = Path.of("..", "articles");

    private SampleArticles() {
    }

    static List<Article> read() throws Exception {
        ArticleFolder folder = new ArticleFolder(FOLDER);
        List<Article> out = new ArrayList<>();
        for (Path f : folder.files()) {
            out.add(folder.read(f, Files.readAllBytes(f)));
        }
        return out;
    }
}
