package dev.briefing.bot.message;

/** Whether a chat is one person's private chat with the bot or a group; the rules for answering differ. */
public enum ChatKind {
    /** One person and the bot: every text is for the bot. */
    PRIVATE,
    /** A group or supergroup: the bot speaks only when addressed. */
    GROUP
}
