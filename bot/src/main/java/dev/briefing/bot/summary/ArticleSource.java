package dev.briefing.bot.summary;

import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.article.Article;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Where summaries read articles from, by day: the knowledge base in the bot, records in tests. */
public interface ArticleSource {

    /** The articles published on a day, possibly none. */
    List<Article> articlesOn(LocalDate day);

    /** The days that have articles, oldest first. */
    List<LocalDate> days();

    /** Reads the knowledge base. */
    static ArticleSource of(KnowledgeBase knowledge) {
        Objects.requireNonNull(knowledge, "knowledge");
        return new ArticleSource() {
            @Override
            public List<Article> articlesOn(LocalDate day) {
                return knowledge.articlesOn(day);
            }

            @Override
            public List<LocalDate> days() {
                return knowledge.articles().stream().map(Article::date).filter(Objects::nonNull).distinct().sorted().toList();
            }
        };
    }

    /** A fixed list of articles, grouped by date; undated ones are left out. */
    static ArticleSource of(List<Article> articles) {
        List<Article> copy = List.copyOf(articles);
        return new ArticleSource() {
            @Override
            public List<Article> articlesOn(LocalDate day) {
                return copy.stream().filter(a -> day.equals(a.date())).toList();
            }

            @Override
            public List<LocalDate> days() {
                return copy.stream().map(Article::date).filter(Objects::nonNull).distinct().sorted().toList();
            }
        };
    }
}
