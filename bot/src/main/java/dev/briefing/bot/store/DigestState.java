package dev.briefing.bot.store;

/** Where the digest of one chat for one local day stands. */
public enum DigestState {
    /** A sender has claimed it and may be sending it now; another may take it over once the lease ends. */
    CLAIMED,
    /** Telegram accepted it: never send again. */
    SENT,
    /** Sending failed; a later tick may claim it again once its next attempt is due, up to a number of attempts. */
    FAILED,
    /** Given up (the chat blocked the bot, or too many failures): never send again. */
    ABANDONED
}
