package dev.briefing.bot.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The durable inbox: every update received from the chat service, written before its receipt is confirmed (so a crash
 * loses none), and marked done once its replies are queued (so a restart resumes exactly the unfinished ones). An
 * update id is recorded once: one delivered again is recognised and not answered twice.
 */
public interface UpdateLog {

    /**
     * Records the updates not seen before, in one transaction.
     *
     * @return the ids of those that were new; the others were received before and must not be handled again
     */
    Set<Long> receive(List<ReceivedUpdate> updates, Instant now);

    /** Marks an update handled with nothing to send (ignored, or handled without a reply). */
    void done(long updateId, Instant now);

    /** The updates received but not done, oldest first. */
    List<ReceivedUpdate> unfinished();

    /** How many updates were received but are not done: the inbox's backlog, counted by the database. */
    int backlog();

    /** The updates of {@code chatId} received but not done, in update order: what the chat's lease holder handles. */
    List<ReceivedUpdate> unfinished(long chatId);

    /** Forgets done updates received before {@code before}: the chat service stops redelivering long before. */
    int forgetDone(Instant before);
}
