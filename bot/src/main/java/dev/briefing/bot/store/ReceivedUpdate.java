package dev.briefing.bot.store;

import java.util.Objects;

/**
 * One update as the chat service sent it.
 *
 * @param updateId its id, unique per bot
 * @param chatId the chat it belongs to, whose lease decides which instance handles it; {@link #NO_CHAT} for none
 * @param payload the update as received (the Bot API's JSON), to handle it again after a restart
 */
public record ReceivedUpdate(long updateId, long chatId, String payload) {

    /** The chat of an update that belongs to none (Telegram never uses 0 as a chat id). */
    public static final long NO_CHAT = 0;

    public ReceivedUpdate {
        Objects.requireNonNull(payload, "payload");
        if (updateId < 0) {
            throw new IllegalArgumentException("illegal updateId: " + updateId + ", must not be negative");
        }
    }

    /** An update that belongs to no chat. */
    public ReceivedUpdate(long updateId, String payload) {
        this(updateId, NO_CHAT, payload);
    }
}
