package dev.briefing.bot.outbox;

import dev.briefing.bot.message.OutgoingMessage;

import java.util.concurrent.CompletableFuture;

/**
 * The replies to one received update, gathered while it is handled and queued together at {@link #commit()}: in a
 * {@link DurableOutbox} the replies are stored and the update marked done in one step, so a crash while handling
 * leaves the update to be handled again and nothing half-sent.
 */
public interface Replies {

    /**
     * Adds a reply; the future completes with the sent message's id once it is sent (after {@link #commit()}), or
     * exceptionally when it is given up on.
     */
    CompletableFuture<Integer> post(OutgoingMessage message);

    /** Queues the replies posted so far, and marks the update done; later calls do nothing. */
    void commit();
}
