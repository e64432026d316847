package dev.briefing.bot.message;

/**
 * Told when a chat moved to a new id, so what the bot keeps by chat id (the digest subscription) follows it. May
 * be told the same migration more than once (Telegram announces it in both chats, and a send to the old id says it
 * again), so it must be idempotent. Called on the receiving or sending thread: keep it short.
 */
@FunctionalInterface
public interface MigrationListener {

    /** Ignores migrations: for a bot that keeps nothing by chat id. */
    MigrationListener NONE = migration -> {
    };

    void migrated(ChatMigration migration);
}
