package dev.briefing.bot.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.OutgoingMessage;
import dev.briefing.bot.store.OutboxLog;
import dev.briefing.bot.store.QueuedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An outbox whose messages are in the store ({@link OutboxLog}) before they are first sent and leave it when the chat
 * service accepts them: sending itself is a {@link PacedOutbox}'s, with its limits and backoff, but a message is tried
 * until its deadline ({@link #ANSWER_DEADLINE}) rather than a few times, and across restarts ({@link #resume()}).
 *
 * <p>When an answer is finally given up on for an outage (not for a refusal such as a blocked bot), the chat is told
 * once, with a notice that is tried for {@link #NOTICE_DEADLINE} and never followed by another. On {@link #close()} the
 * messages still unsent stay in the store for the next start.
 *
 * <p>What can still go out twice: a message the chat service accepted just before the process died, before its row
 * was removed; the next start sends it again. Telegram has no idempotency key to prevent that.
 */
public final class DurableOutbox implements Outbox, AutoCloseable {

    /** How long an answer is tried: an hour-old answer is still worth having, one from yesterday is not. */
    public static final Duration ANSWER_DEADLINE = Duration.ofHours(1);
    /** How long the notice that an answer was given up on is tried (no longer than the answer itself). */
    public static final Duration NOTICE_DEADLINE = Duration.ofMinutes(10);
    /** What a chat is told when its answer could not be delivered before its deadline. */
    static final String UNDELIVERED = "Sorry, Telegram kept refusing my reply to this message for too long, so I gave up"
            + " on it. Please ask again.";

    private static final Logger log = LoggerFactory.getLogger(DurableOutbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutboxLog store;
    private final PacedOutbox paced;
    private final Clock clock;
    private final Duration deadline;
    /** Chats and messages told that a reply was given up on, so one answer in several parts is apologised for once. */
    private final Set<String> told = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /**
     * @param paced sends, within the limits; closed by {@link #close()}
     * @param deadline how long a reply is tried ({@link #ANSWER_DEADLINE} in service)
     */
    public DurableOutbox(OutboxLog store, PacedOutbox paced, Clock clock, Duration deadline) {
        this.store = Objects.requireNonNull(store, "store");
        this.paced = Objects.requireNonNull(paced, "paced");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("illegal deadline: " + deadline + ", must be positive");
        }
    }

    /** Stores the message and sends it: a reply to no update (a digest command's follow-up, say). */
    @Override
    public CompletableFuture<Integer> post(OutgoingMessage message) {
        Replies replies = replies(OptionalLong.empty());
        CompletableFuture<Integer> sent = replies.post(message);
        replies.commit();
        return sent;
    }

    @Override
    public Replies replies(OptionalLong updateId) {
        return new Batch(Objects.requireNonNull(updateId, "updateId"));
    }

    /**
     * Sends what an earlier run left in the store, oldest first; call it once at start, before anything new is posted,
     * so each chat's messages keep their order. Only for a store no other instance sends from: with several, each
     * chat's leftovers are taken by whoever takes the chat on ({@link #resume(long)}).
     *
     * @return how many messages were resumed
     */
    public int resume() {
        List<QueuedMessage> left = store.queued();
        resend(left);
        if (!left.isEmpty()) {
            log.info("resumed {} message(s) left unsent by the last run", left.size());
        }
        return left.size();
    }

    /**
     * Sends what is queued for {@code chatId}, oldest first: what an earlier holder of the chat (a run that stopped or
     * died) left. Call it before posting anything new to the chat, so its messages keep their order.
     *
     * @return one future per message, completed once it has left the outbox (sent, or given up on)
     */
    public List<CompletableFuture<Integer>> resume(long chatId) {
        List<QueuedMessage> left = store.queued(chatId);
        List<CompletableFuture<Integer>> out = resend(left);
        if (!left.isEmpty()) {
            log.info("chat {}: resumed {} message(s) left unsent by an earlier run", chatId, left.size());
        }
        return out;
    }

    private List<CompletableFuture<Integer>> resend(List<QueuedMessage> left) {
        List<CompletableFuture<Integer>> out = new ArrayList<>();
        for (QueuedMessage row : left) {
            OutgoingMessage message;
            try {
                message = decode(row.message());
            } catch (IOException | IllegalArgumentException e) {
                log.error("dropped queued message {} to chat {}: it cannot be read ({})", row.id(), row.chatId(), e.toString());
                store.remove(row.id());
                continue;
            }
            CompletableFuture<Integer> result = new CompletableFuture<>();
            send(row, message, result);
            out.add(result);
        }
        return out;
    }

    /** Messages stored and not yet accepted, this run's and earlier ones'. */
    public int queued() {
        return store.queued().size();
    }

    /**
     * Lets the paced outbox drain for its {@link PacedOutbox#DRAIN_TIMEOUT}, then stops; what is unsent stays stored
     * for the next start.
     */
    @Override
    public void close() {
        closing = true;
        paced.close();
        int left = store.queued().size();
        if (left > 0) {
            log.info("{} message(s) stay queued for the next start", left);
        }
    }

    private void send(QueuedMessage row, OutgoingMessage message, CompletableFuture<Integer> result) {
        paced.post(message, row.deadline()).whenComplete((id, failure) -> {
            // The result completes once the message, and a notice it was given up on, have left the outbox: until
            // then the chat's next replies must wait (ChatTurns holds the chat meanwhile).
            CompletableFuture<?> notice = CompletableFuture.completedFuture(null);
            try {
                notice = settle(row, message, id, failure);
            } catch (RuntimeException e) {
                log.error("chat {}: could not record the fate of queued message {}", row.chatId(), row.id(), e);
            } finally {
                notice.whenComplete((ignored, alsoIgnored) -> {
                    if (failure == null) {
                        result.complete(id);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
            }
        });
    }

    /** Records what became of a message; returns the notice sent in its place, if any. */
    private CompletableFuture<?> settle(QueuedMessage row, OutgoingMessage message, Integer id, Throwable failure) {
        CompletableFuture<?> none = CompletableFuture.completedFuture(null);
        if (failure == null) {
            store.remove(row.id());
            return none;
        }
        if (closing && clock.instant().isBefore(row.deadline())) {
            return none; // cut off by the shutdown, not given up on: stays stored, and the next start sends it
        }
        store.remove(row.id());
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        boolean outage = !(cause instanceof DeliveryException d) || d.kind() != DeliveryException.Kind.REJECTED;
        if (outage && !row.notice() && told.add(row.chatId() + ":" + (row.updateId() != 0 ? row.updateId() : row.id()))) {
            log.warn("chat {}: gave up on a reply at its deadline ({}); telling the chat once", row.chatId(), cause.getMessage());
            Batch notice = new Batch(OptionalLong.empty());
            CompletableFuture<Integer> sent = notice.add(OutgoingMessage.reply(row.chatId(), UNDELIVERED, message.replyTo()),
                    row.updateId(), deadline.compareTo(NOTICE_DEADLINE) < 0 ? deadline : NOTICE_DEADLINE, true);
            notice.commit();
            return sent;
        }
        return none;
    }

    private static String encode(OutgoingMessage message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a message to chat " + message.chatId(), e);
        }
    }

    private static OutgoingMessage decode(String json) throws IOException {
        return JSON.readValue(json, OutgoingMessage.class);
    }

    /** The replies to one update, stored and handed to the paced outbox at commit. */
    private final class Batch implements Replies {
        private final OptionalLong updateId;
        private final List<QueuedMessage.Draft> drafts = new ArrayList<>();
        private final List<OutgoingMessage> messages = new ArrayList<>();
        private final List<CompletableFuture<Integer>> results = new ArrayList<>();
        private boolean committed;

        Batch(OptionalLong updateId) {
            this.updateId = updateId;
        }

        @Override
        public synchronized CompletableFuture<Integer> post(OutgoingMessage message) {
            return add(message, updateId.orElse(0), deadline, false);
        }

        synchronized CompletableFuture<Integer> add(OutgoingMessage message, long repliesTo, Duration within, boolean notice) {
            if (committed) {
                throw new IllegalStateException("the replies to update " + updateId + " were committed already");
            }
            CompletableFuture<Integer> result = new CompletableFuture<>();
            drafts.add(new QueuedMessage.Draft(message.chatId(), encode(message), repliesTo, clock.instant().plus(within), notice));
            messages.add(message);
            results.add(result);
            return result;
        }

        @Override
        public synchronized void commit() {
            if (committed) {
                return;
            }
            committed = true;
            List<QueuedMessage> rows = store.queue(drafts, updateId, clock.instant());
            for (int i = 0; i < rows.size(); i++) {
                send(rows.get(i), messages.get(i), results.get(i));
            }
        }
    }
}
