package dev.briefing.knowledge.summarize;

import dev.briefing.knowledge.article.Article;

import java.time.LocalDate;
import java.util.List;

/**
 * Turns the articles of one day into a {@link Summary}. Implementations are pure: the same articles give
 * the same summary, so a summary may be cached under the {@link DayVersion} of its inputs.
 */
public interface Summarizer {

    /**
     * Summarizes a day.
     *
     * @param day the day summarized
     * @param articles that day's articles, at least one
     * @param dayBefore the articles of the day before, possibly empty; only the "new since" part reads them
     * @throws IllegalArgumentException when {@code articles} is empty
     */
    Summary summarize(LocalDate day, List<Article> articles, List<Article> dayBefore);

    /** Names the algorithm and its settings; part of every cache key, so a change recomputes. */
    String algorithm();
}
