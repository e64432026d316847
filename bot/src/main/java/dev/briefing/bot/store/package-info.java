/**
 * Storage: what must survive a restart or be shared by several instances (subscriptions, the digests sent, computed
 * summaries, the updates received and the replies not yet sent, and what the chats remember: conversations, answer
 * threads, Sources buttons, per-user question limits), behind role interfaces ({@link
 * dev.briefing.bot.store.SubscriptionStore}, {@link dev.briefing.bot.store.DigestLog}, {@link
 * dev.briefing.bot.store.SummaryStore}, {@link dev.briefing.bot.store.UpdateLog}, {@link
 * dev.briefing.bot.store.OutboxLog}, {@link dev.briefing.bot.store.ChatMemory}) with one JDBC implementation, {@link
 * dev.briefing.bot.store.JdbcStore}, on either engine of {@link dev.briefing.bot.store.Database}: the embedded SQLite
 * file under the data folder, or a PostgreSQL server through a HikariCP pool. One set of Flyway migrations serves
 * both. Tests run the same implementation on a temporary folder and on a throwaway PostgreSQL schema.
 */
package dev.briefing.bot.store;
