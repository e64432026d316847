package dev.briefing.bot.message;

/**
 * A press on a button under one of the bot's messages.
 *
 * @param id the press's id, to acknowledge it (Telegram shows a spinner until then)
 * @param chatId the chat of the message the button is under
 * @param chatKind private chat or group
 * @param messageId the message the button is under
 * @param userId who pressed it
 * @param data what the button carries, as the bot set it
 */
public record ButtonPress(String id, long chatId, ChatKind chatKind, int messageId, long userId, String data)
        implements Incoming {

    public ButtonPress {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("illegal button press id: '" + id + "', must be non-blank");
        }
        if (chatKind == null) {
            throw new IllegalArgumentException("illegal chatKind: null, button press " + id);
        }
        data = data == null ? "" : data;
    }
}
