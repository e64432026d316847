package dev.briefing.bot.message;

import java.util.Optional;

/**
 * A message written in a chat.
 *
 * @param chatId the chat
 * @param chatKind private chat or group
 * @param messageId the message's id in that chat, to thread replies to it
 * @param userId who wrote it
 * @param text the text, or null for a message without text (a sticker, a photo)
 * @param replyTo the message this one replies to, or null
 * @param replyToBot whether {@code replyTo} is one of the bot's own messages
 */
public record IncomingMessage(long chatId, ChatKind chatKind, int messageId, long userId, String text,
                              Integer replyTo, boolean replyToBot) implements Incoming {

    public IncomingMessage {
        if (chatKind == null) {
            throw new IllegalArgumentException("illegal chatKind: null, message " + messageId + " in chat " + chatId);
        }
        if (replyToBot && replyTo == null) {
            throw new IllegalArgumentException("illegal message " + messageId + " in chat " + chatId
                    + ": replyToBot without replyTo");
        }
    }

    /** A text message that replies to nothing. */
    public static IncomingMessage text(long chatId, ChatKind kind, int messageId, long userId, String text) {
        return new IncomingMessage(chatId, kind, messageId, userId, text, null, false);
    }

    /** The text, absent for stickers, photos and the like. */
    public Optional<String> textIfAny() {
        return Optional.ofNullable(text);
    }
}
