package dev.briefing.bot.message;

/** Something a person did in a chat that the bot may have to answer. */
public sealed interface Incoming permits IncomingMessage, ButtonPress {

    /** The chat it happened in. */
    long chatId();

    /** Private chat or group. */
    ChatKind chatKind();

    /** The person who did it. */
    long userId();
}
