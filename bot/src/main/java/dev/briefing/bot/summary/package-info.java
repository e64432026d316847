/**
 * Summaries in the bot: the knowledge module's {@link dev.briefing.knowledge.summarize.Summarizer} behind a
 * cache that survives restarts ({@link dev.briefing.bot.summary.SummaryService}), the {@code /summary}
 * command and the text a summary is shown as.
 */
package dev.briefing.bot.summary;
