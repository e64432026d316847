package dev.briefing.bot.outbox;

import dev.briefing.bot.message.OutgoingMessage;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** Takes messages to send later, in order per chat; sending never blocks the caller. */
public interface Outbox {

    /**
     * Queues a message; the future completes with the sent message's id, or exceptionally with the
     * {@link dev.briefing.bot.message.DeliveryException} it was given up on.
     */
    CompletableFuture<Integer> post(OutgoingMessage message);

    /**
     * The replies to one received update, queued together when {@link Replies#commit()} is called, which also marks
     * the update done where updates are kept (a {@link DurableOutbox}). This default posts each reply at once and
     * keeps nothing.
     *
     * @param updateId the update replied to, empty for none
     */
    default Replies replies(OptionalLong updateId) {
        return new Replies() {
            @Override
            public CompletableFuture<Integer> post(OutgoingMessage message) {
                return Outbox.this.post(message);
            }

            @Override
            public void commit() {
            }
        };
    }
}
