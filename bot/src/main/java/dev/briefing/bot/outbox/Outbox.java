package dev.briefing.bot.outbox;

import dev.briefing.bot.message.OutgoingMessage;

import java.util.concurrent.CompletableFuture;

/** Takes messages to send later, in order per chat; sending never blocks the caller. */
public interface Outbox {

    /**
     * Queues a message; the future completes with the sent message's id, or exceptionally with the
     * {@link dev.briefing.bot.message.DeliveryException} it was given up on.
     */
    CompletableFuture<Integer> post(OutgoingMessage message);
}
