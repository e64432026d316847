package dev.briefing.bot.store;

import java.util.Objects;

/**
 * One update as the chat service sent it.
 *
 * @param updateId its id, unique per bot
 * @param payload the update as received (the Bot API's JSON), to handle it again after a restart
 */
public record ReceivedUpdate(long updateId, String payload) {

    public ReceivedUpdate {
        Objects.requireNonNull(payload, "payload");
        if (updateId < 0) {
            throw new IllegalArgumentException("illegal updateId: " + updateId + ", must not be negative");
        }
    }
}
