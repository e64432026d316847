package dev.briefing.bot.message;

import java.util.List;

/**
 * A message the bot sends, in Telegram's HTML subset.
 *
 * @param chatId the chat to send to
 * @param html the text, with every piece of user and article text escaped ({@link Html#escape})
 * @param replyTo the message to thread it to, or null
 * @param buttons buttons under it, in one row; may be empty
 */
public record OutgoingMessage(long chatId, String html, Integer replyTo, List<Button> buttons) {

    /** Telegram's limit on one message's text; raw HTML is checked, which is never shorter than what shows. */
    public static final int MAX_LENGTH = 4096;

    public OutgoingMessage {
        if (html == null || html.isBlank()) {
            throw new IllegalArgumentException("illegal message to chat " + chatId + ": blank text");
        }
        if (html.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("illegal message to chat " + chatId + ": " + html.length()
                    + " characters, at most " + MAX_LENGTH + "; split it first");
        }
        buttons = List.copyOf(buttons);
    }

    /** A message threaded to {@code replyTo}, without buttons. */
    public static OutgoingMessage reply(long chatId, String html, Integer replyTo) {
        return new OutgoingMessage(chatId, html, replyTo, List.of());
    }
}
