package dev.briefing.bot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A message in the durable outbox.
 *
 * @param id its row id, in queueing order
 * @param chatId the chat it goes to
 * @param message the message, encoded by the outbox
 * @param updateId the update it answers, or 0 for none
 * @param queuedAt when it was queued
 * @param deadline when to stop trying to send it
 * @param notice whether it is a notice that an earlier message could not be delivered (never followed by another)
 */
public record QueuedMessage(long id, long chatId, String message, long updateId, Instant queuedAt, Instant deadline,
                            boolean notice) {

    public QueuedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isBefore(queuedAt)) {
            throw new IllegalArgumentException("illegal deadline: " + deadline + ", before queuedAt " + queuedAt);
        }
    }

    /**
     * A message not yet queued.
     *
     * @param deadline when to stop trying to send it
     */
    public record Draft(long chatId, String message, long updateId, Instant deadline, boolean notice) {
        public Draft {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(deadline, "deadline");
        }
    }
}
