package dev.briefing.bot.message;

/**
 * A group upgraded to a supergroup: Telegram gives it a new id, and the old one stops working.
 *
 * @param fromChatId the group's old id
 * @param toChatId the supergroup's id from now on
 */
public record ChatMigration(long fromChatId, long toChatId) {

    public ChatMigration {
        if (fromChatId == 0 || toChatId == 0) {
            throw new IllegalArgumentException("illegal chat migration from " + fromChatId + " to " + toChatId
                    + ": Telegram chat ids are never 0");
        }
        if (fromChatId == toChatId) {
            throw new IllegalArgumentException("illegal chat migration from " + fromChatId + " to itself");
        }
    }
}
