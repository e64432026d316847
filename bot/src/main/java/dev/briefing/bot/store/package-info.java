/**
 * Storage: what must survive a restart (subscriptions, the digests sent, computed summaries, the updates received
 * and the replies not yet sent), behind role interfaces ({@link dev.briefing.bot.store.SubscriptionStore}, {@link
 * dev.briefing.bot.store.DigestLog}, {@link dev.briefing.bot.store.SummaryStore}, {@link
 * dev.briefing.bot.store.UpdateLog}, {@link dev.briefing.bot.store.OutboxLog}) with one embedded implementation,
 * {@link dev.briefing.bot.store.SqliteStore}: a single file under the data folder, its schema versioned and
 * migrated on open. Tests use the same implementation on a temporary folder.
 */
package dev.briefing.bot.store;
