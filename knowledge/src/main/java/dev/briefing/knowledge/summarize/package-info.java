/**
 * Summarize: a day's articles turned into a short briefing of verbatim, cited points.
 *
 * <p>{@link dev.briefing.knowledge.summarize.Summarizer} is the stage's role;
 * {@link dev.briefing.knowledge.summarize.CentroidSummarizer} the strategy (extractive, centroid-based).
 * The summarizer reads only {@link dev.briefing.knowledge.article.Article} records, so it is pure and
 * testable without the index; caching and delivery live in the bot.
 */
package dev.briefing.knowledge.summarize;
