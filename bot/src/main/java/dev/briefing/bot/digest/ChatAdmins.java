package dev.briefing.bot.digest;

/**
 * Tells whether a user administers a group chat: in groups only admins may change the digest. The Telegram
 * adapter implements it (getChatMember, status "creator" or "administrator", worth caching for a minute).
 */
@FunctionalInterface
public interface ChatAdmins {

    /** Whether {@code userId} is an administrator (or the creator) of the group {@code chatId}. */
    boolean isAdmin(long chatId, long userId);

    /**
     * Whether a user may change a chat's subscription: anyone in a private chat (positive id, Telegram's
     * convention), only admins in groups, supergroups and channels (negative ids).
     */
    default boolean mayConfigure(long chatId, long userId) {
        return chatId > 0 || isAdmin(chatId, userId);
    }
}
