package dev.briefing.bot.store;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The durable outbox: a message is here before it is first sent and leaves once the chat service accepted it or it was
 * given up on, so a restart sends again what a crash or a shutdown cut off.
 */
public interface OutboxLog {

    /**
     * Queues {@code messages} and, in the same transaction, marks {@code updateId} done when present: the replies to
     * an update and the update's completion are one step, so a crash leaves either both or neither.
     *
     * @return the queued messages with their ids, in order
     */
    List<QueuedMessage> queue(List<QueuedMessage.Draft> messages, OptionalLong updateId, Instant now);

    /** Removes a message: sent, or given up on. */
    void remove(long id);

    /** Every queued message, oldest first. */
    List<QueuedMessage> queued();

    /** The messages queued for {@code chatId}, oldest first: what a new holder of the chat's lease sends first. */
    List<QueuedMessage> queued(long chatId);
}
