package dev.briefing.bot.outbox;

import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.Messenger;
import dev.briefing.bot.message.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An outbox with one first-in-first-out lane per chat, sent through a {@link Messenger} within {@link
 * Limits}: each lane has one message in flight at most (so a chat's messages keep their order), lanes take
 * turns (so one busy chat does not hold up the others), a 429 waits its {@code retry_after}, a 5xx or a
 * timeout backs off, and a message given up on is logged with its chat id and the reason.
 *
 * <p>Time comes from the injected clock; {@link #pump()} does one round and says when the next is due,
 * so tests drive it by moving a clock. In service, a timer thread runs the rounds and sends run on
 * {@code senders}.
 */
public final class PacedOutbox implements Outbox, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PacedOutbox.class);

    /** How long {@link #close()} waits for queued messages to go out before giving up on them. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Messages one chat may have queued: 50 is over two minutes of a group's 20 a minute, so a chat that posts more is
     * refused (and the refusal logged) rather than growing a queue without end.
     */
    public static final int MAX_QUEUED_PER_CHAT = 50;

    private final Messenger messenger;
    private final Clock clock;
    private final Limits limits;
    private final Executor senders;
    private final ScheduledExecutorService timer;
    private final Map<Long, Lane> lanes = new LinkedHashMap<>();
    private final SendBudget overall;
    private ScheduledFuture<?> wakeUp;
    private Instant wakeAt;
    private boolean closed;

    /**
     * An outbox that has Telegram's overall limit to itself: right when nothing else sends for the bot.
     *
     * @param senders runs the sends, which block on the network
     * @param timer runs the rounds; null when the caller calls {@link #pump()} itself (tests)
     */
    public PacedOutbox(Messenger messenger, Clock clock, Limits limits, Executor senders,
                       ScheduledExecutorService timer) {
        this(messenger, clock, limits, SendBudget.of(limits), senders, timer);
    }

    /**
     * An outbox that shares the overall limit with other senders of the same bot (the daily digests).
     *
     * @param overall the bot's overall budget, read with this outbox's clock; {@link Limits#overall()} is not used
     * @param senders runs the sends, which block on the network
     * @param timer runs the rounds; null when the caller calls {@link #pump()} itself (tests)
     */
    public PacedOutbox(Messenger messenger, Clock clock, Limits limits, SendBudget overall, Executor senders,
                       ScheduledExecutorService timer) {
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.overall = Objects.requireNonNull(overall, "overall");
        this.senders = Objects.requireNonNull(senders, "senders");
        this.timer = timer;
    }

    @Override
    public CompletableFuture<Integer> post(OutgoingMessage message) {
        return post(message, null);
    }

    /**
     * Queues a message that is tried, within the limits and with the same backoff, until {@code deadline} rather than
     * {@link Limits#maxAttempts()} times: for messages kept in a durable outbox, which outlive an outage of minutes.
     * A message whose deadline has passed is still tried once.
     *
     * @param deadline the last instant to try it at; null to try {@link Limits#maxAttempts()} times
     */
    public CompletableFuture<Integer> post(OutgoingMessage message, Instant deadline) {
        CompletableFuture<Integer> sent = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                log.warn("not sending a message to chat {}: the outbox is closed", message.chatId());
                sent.completeExceptionally(DeliveryException.rejected("the outbox is closed", null));
                return sent;
            }
            Lane lane = lanes.computeIfAbsent(message.chatId(), this::newLane);
            if (lane.queue.size() >= MAX_QUEUED_PER_CHAT) {
                log.warn("not sending a message to chat {}: {} are queued for it already", message.chatId(),
                        lane.queue.size());
                sent.completeExceptionally(DeliveryException.rejected("chat " + message.chatId() + " has "
                        + lane.queue.size() + " messages queued already", null));
                return sent;
            }
            lane.queue.addLast(new Pending(message, sent, deadline));
        }
        wake();
        return sent;
    }

    /**
     * Starts every send that the limits allow now, again while sends finish at once (as they do with a
     * direct executor); returns when the next send will be allowed, if any waits.
     */
    public Optional<Instant> pump() {
        while (true) {
            Round round = startAllowed();
            if (round.started() == 0) {
                return round.next();
            }
        }
    }

    private record Round(int started, Optional<Instant> next) {
    }

    private Round startAllowed() {
        List<Runnable> starts = new ArrayList<>();
        List<Lane> served = new ArrayList<>();
        Instant next = null;
        synchronized (this) {
            Instant now = clock.instant();
            for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext(); ) {
                Lane lane = it.next();
                if (lane.inFlight) {
                    continue;
                }
                if (lane.queue.isEmpty()) {
                    if (lane.isIdle(now)) {
                        it.remove();
                    }
                    continue;
                }
                Instant ready = latest(lane.notBefore, lane.chat.nextAllowed(now),
                        lane.group == null ? now : lane.group.nextAllowed(now));
                // The overall budget is taken last, and only by a lane that can go: others may share it.
                if (!ready.isAfter(now) && !overall.tryAcquire(now)) {
                    ready = overall.nextAllowed(now);
                    // Taken by another sender between the two calls and already free again: look next round.
                    ready = ready.isAfter(now) ? ready : now.plusMillis(1);
                }
                if (ready.isAfter(now)) {
                    next = next == null || ready.isBefore(next) ? ready : next;
                    continue;
                }
                lane.chat.record(now);
                if (lane.group != null) {
                    lane.group.record(now);
                }
                lane.inFlight = true;
                Pending head = lane.queue.peekFirst();
                starts.add(() -> deliver(lane, head));
                served.add(lane);
            }
            // Served lanes go to the back, so the next round starts with the ones that waited.
            for (Lane lane : served) {
                lanes.remove(lane.chatId);
                lanes.put(lane.chatId, lane);
            }
        }
        starts.forEach(senders::execute);
        return new Round(starts.size(), Optional.ofNullable(next));
    }

    /** Messages queued or in flight, over all chats. */
    public synchronized int pending() {
        return lanes.values().stream().mapToInt(l -> l.queue.size()).sum();
    }

    /**
     * Waits up to {@link #DRAIN_TIMEOUT} by the injected clock for queued messages, then gives up on the rest, logging
     * each chat.
     */
    @Override
    public void close() {
        Instant deadline = clock.instant().plus(DRAIN_TIMEOUT);
        synchronized (this) {
            while (timer != null && pending() > 0 && clock.instant().isBefore(deadline)) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            closed = true;
            for (Lane lane : lanes.values()) {
                int dropped = 0;
                while (lane.queue.size() > (lane.inFlight ? 1 : 0)) {
                    lane.queue.removeLast().sent.completeExceptionally(
                            DeliveryException.rejected("the bot is shutting down", null));
                    dropped++;
                }
                if (dropped > 0) {
                    log.warn("stopped with {} message(s) to chat {} unsent: the bot is shutting down", dropped, lane.chatId);
                }
            }
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
        }
    }

    private void deliver(Lane lane, Pending pending) {
        try {
            int id = messenger.send(pending.message);
            // The caller records the delivery (the durable outbox removes its row) before the message leaves the
            // queue: close() waits for the queue, so a stop never leaves a sent message stored to go out again.
            pending.sent.complete(id);
            done(lane);
        } catch (DeliveryException e) {
            failed(lane, pending, e);
        } catch (RuntimeException e) {
            failed(lane, pending, DeliveryException.transientFailure("unexpected " + e.getClass().getSimpleName()
                    + ": " + e.getMessage(), e));
        } finally {
            wake();
        }
    }

    private void failed(Lane lane, Pending pending, DeliveryException e) {
        int attempts;
        synchronized (this) {
            attempts = ++pending.attempts;
            Duration wait = e.kind() == DeliveryException.Kind.RATE_LIMITED ? e.retryAfter() : limits.backoff(attempts);
            Instant now = clock.instant();
            boolean retry = e.kind() != DeliveryException.Kind.REJECTED && !closed
                    && (pending.deadline == null ? attempts < limits.maxAttempts() : !now.plus(wait).isAfter(pending.deadline));
            if (retry) {
                lane.inFlight = false;
                lane.notBefore = now.plus(wait);
                if (e.kind() == DeliveryException.Kind.RATE_LIMITED) {
                    // Telegram's flood wait holds the whole bot: the digests wait too.
                    overall.pauseUntil(lane.notBefore);
                }
                if (pending.deadline == null) {
                    log.info("chat {}: {} ({}), try {} of {} in {} ms", lane.chatId, e.kind(), e.getMessage(),
                            attempts + 1, limits.maxAttempts(), wait.toMillis());
                } else {
                    log.info("chat {}: {} ({}), try {} in {} ms, trying until {}", lane.chatId, e.kind(), e.getMessage(),
                            attempts + 1, wait.toMillis(), pending.deadline);
                }
                return;
            }
        }
        log.warn("gave up on a message to chat {} after {} tries: {} ({})", lane.chatId, attempts, e.getMessage(), e.kind());
        // as for a delivery: the caller records the outcome before the message leaves the queue
        pending.sent.completeExceptionally(e);
        done(lane);
    }

    /** The lane's message in flight leaves the queue, its outcome recorded; close() may be waiting for that. */
    private synchronized void done(Lane lane) {
        lane.queue.pollFirst();
        lane.inFlight = false;
        notifyAll();
    }

    private void wake() {
        if (timer == null) {
            return;
        }
        try {
            timer.execute(this::round);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("outbox timer stopped", e);
        }
    }

    private void round() {
        Optional<Instant> next = pump();
        synchronized (this) {
            if (next.isEmpty() || closed) {
                return;
            }
            Instant at = next.get();
            if (wakeUp != null && wakeAt != null && !wakeAt.isAfter(at)) {
                return;
            }
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            long delay = Math.max(1, Duration.between(clock.instant(), at).toMillis());
            wakeAt = at;
            wakeUp = timer.schedule(this::wokenUp, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void wokenUp() {
        synchronized (this) {
            // This wake-up is done once it runs: the round below must be free to schedule the next.
            wakeUp = null;
            wakeAt = null;
        }
        round();
    }

    private Lane newLane(long chatId) {
        return new Lane(chatId, new SlidingWindow(limits.perChat(), limits.chatWindow()),
                // Telegram gives groups and channels negative ids and people positive ones.
                chatId < 0 ? new SlidingWindow(limits.perGroup(), limits.groupWindow()) : null);
    }

    private static Instant latest(Instant... instants) {
        Instant max = instants[0];
        for (Instant i : instants) {
            max = i.isAfter(max) ? i : max;
        }
        return max;
    }

    private static final class Lane {
        final long chatId;
        final SlidingWindow chat;
        final SlidingWindow group;
        final Deque<Pending> queue = new ArrayDeque<>();
        boolean inFlight;
        Instant notBefore = Instant.EPOCH;

        Lane(long chatId, SlidingWindow chat, SlidingWindow group) {
            this.chatId = chatId;
            this.chat = chat;
            this.group = group;
        }

        boolean isIdle(Instant now) {
            return !notBefore.isAfter(now) && chat.isIdle(now) && (group == null || group.isIdle(now));
        }
    }

    private static final class Pending {
        final OutgoingMessage message;
        final CompletableFuture<Integer> sent;
        /** The last instant to try at; null to try {@link Limits#maxAttempts()} times. */
        final Instant deadline;
        int attempts;

        Pending(OutgoingMessage message, CompletableFuture<Integer> sent, Instant deadline) {
            this.message = message;
            this.sent = sent;
            this.deadline = deadline;
        }
    }
}
