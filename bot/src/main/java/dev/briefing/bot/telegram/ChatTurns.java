package dev.briefing.bot.telegram;

import dev.briefing.bot.store.ChatLeases;
import dev.briefing.bot.store.ReceivedUpdate;
import dev.briefing.bot.store.UpdateLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Keeps each chat's updates in order across instances sharing the store: the instance holding a chat's lease ({@link
 * ChatLeases}) handles the chat's stored unfinished updates in update order until none remain, and keeps the lease
 * until their replies have left the outbox (sent, or given up on). An instance that stores an update for a chat another
 * instance holds does nothing more: the holder finds it. On taking a chat over (its lease was free or expired), the
 * replies a stopped or dead holder left queued are sent first, then the chat's updates.
 *
 * <p>A race at release is closed here: the holder looks for updates again after releasing, and an instance that
 * stores an update tries to claim after storing it, so one of the two sees it. What a killed holder leaves waits until
 * its lease expires; {@link #sweep()}, run every {@link #SWEEP_EVERY}, renews this instance's leases and takes on every
 * chat left waiting.
 */
final class ChatTurns {

    /**
     * How long a lease lasts without renewal: what a killed instance's chats wait before another instance takes them on.
     * Several sweeps long, and longer than the store's 10 s statement deadline, so a slow database does not cost a live
     * holder its chats.
     */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How often leases are renewed and waiting chats looked for. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ChatTurns.class);

    /** Handles one stored update; the future completes once its replies have left the outbox. */
    interface Handler {
        CompletableFuture<?> handle(ReceivedUpdate update);
    }

    /** Sends the replies left queued for a chat by an earlier holder; each future completes once one has left. */
    interface Leftovers {
        List<CompletableFuture<?>> resend(long chatId);
    }

    private final UpdateLog updates;
    private final ChatLeases leases;
    private final String holder;
    private final Handler handler;
    private final Leftovers leftovers;
    private final Executor executor;
    private final Clock clock;
    private final Duration lease;
    /** The chats this instance holds; guarded by {@code this}, as are claims and releases, so they never interleave. */
    private final Map<Long, Turn> turns = new HashMap<>();
    private volatile boolean stopped;

    /**
     * @param holder this instance's token, unique per process
     * @param executor runs the handling of a chat's turn (it only hands updates on, never waits for an answer)
     * @param lease how long a lease lasts without renewal ({@link #LEASE} in service)
     */
    ChatTurns(UpdateLog updates, ChatLeases leases, String holder, Handler handler, Leftovers leftovers,
              Executor executor, Clock clock, Duration lease) {
        this.updates = Objects.requireNonNull(updates, "updates");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.leftovers = Objects.requireNonNull(leftovers, "leftovers");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("illegal lease: " + lease + ", must be positive");
        }
    }

    /**
     * Called after an update of {@code chatId} was stored (or by the sweep): takes the chat on if its lease can be had,
     * else leaves it to its holder. Never waits for an answer.
     */
    void offer(long chatId) {
        Turn turn;
        boolean fresh;
        synchronized (this) {
            if (stopped) {
                return;
            }
            turn = turns.get(chatId);
            fresh = turn == null;
            if (fresh) {
                if (!leases.claimChat(chatId, holder, clock.instant(), lease)) {
                    return;
                }
                turn = new Turn();
                turns.put(chatId, turn);
            } else {
                turn.more = true;
                if (turn.scanning) {
                    return; // the running scan looks again before it ends
                }
            }
            turn.scanning = true;
        }
        Turn t = turn;
        executor.execute(() -> {
            if (fresh) {
                try {
                    t.pending.addAll(leftovers.resend(chatId));
                } catch (RuntimeException e) {
                    log.warn("chat {}: could not send the replies an earlier holder left: {}", chatId, e.getMessage());
                }
            }
            run(chatId, t);
        });
    }

    /**
     * Renews this instance's leases and takes on every chat whose updates or replies wait with no live holder (at
     * start: what the last run, or a dead instance, left). Returns how many chats it looked at.
     */
    int sweep() {
        if (stopped) {
            return 0;
        }
        leases.renewChats(holder, clock.instant(), lease);
        List<Long> waiting = leases.chatsWaiting(holder, clock.instant());
        waiting.forEach(this::offer);
        return waiting.size();
    }

    /**
     * Takes on no more chats and hands on no more updates, keeping the leases held: the replies already queued are
     * still this instance's to send.
     */
    synchronized void pause() {
        stopped = true;
    }

    /**
     * Takes on no more chats and gives back the leases held, so another instance carries on at its next sweep; call it
     * once the outbox is closed (what it did not send stays queued, and the next holder sends it first).
     */
    void stop() {
        synchronized (this) {
            stopped = true;
            turns.clear();
            try {
                leases.releaseChats(holder);
            } catch (RuntimeException e) {
                log.warn("could not give back this instance's chats; they expire in {} s: {}", lease.toSeconds(),
                        e.getMessage());
            }
        }
    }

    /** Whether this instance holds {@code chatId} now. */
    synchronized boolean holds(long chatId) {
        return turns.containsKey(chatId);
    }

    /**
     * Hands on the chat's unfinished updates not handed on yet, in update order (the chat's answering and sending keep
     * that order within this instance); releases the chat once all have left the outbox and none is waiting.
     */
    private void run(long chatId, Turn turn) {
        try {
            while (true) {
                synchronized (this) {
                    turn.more = false;
                    if (stopped || turns.get(chatId) != turn) {
                        turn.scanning = false;
                        return;
                    }
                }
                for (ReceivedUpdate u : updates.unfinished(chatId)) {
                    if (turn.handed.add(u.updateId())) {
                        turn.pending.add(handler.handle(u));
                    }
                }
                turn.pending.removeIf(CompletableFuture::isDone);
                if (!turn.pending.isEmpty()) {
                    synchronized (this) {
                        if (turn.more) {
                            continue;
                        }
                        turn.scanning = false;
                    }
                    // Looks again once they have left: an update another instance stored meanwhile is found then.
                    CompletableFuture.allOf(turn.pending.toArray(CompletableFuture[]::new))
                            .whenComplete((ok, e) -> offerAgain(chatId, turn));
                    return;
                }
                synchronized (this) {
                    if (turn.more) {
                        continue;
                    }
                    turns.remove(chatId);
                    leases.releaseChat(chatId, holder);
                }
                // Stored by another instance while this one held the chat? Its claim failed; take the chat on again.
                if (updates.unfinished(chatId).stream().anyMatch(u -> !turn.handed.contains(u.updateId()))) {
                    offer(chatId);
                }
                return;
            }
        } catch (RuntimeException e) {
            // The store failed: give the chat up here; it waits in the store for the next sweep (or another instance).
            log.warn("chat {}: handing on its updates failed, trying again at the next sweep: {}", chatId, e.getMessage());
            synchronized (this) {
                turn.scanning = false;
                if (turns.get(chatId) == turn) {
                    turns.remove(chatId);
                    try {
                        leases.releaseChat(chatId, holder);
                    } catch (RuntimeException again) {
                        log.warn("chat {}: its lease stays until it expires: {}", chatId, again.getMessage());
                    }
                }
            }
        }
    }

    /** Scans a held chat again, unless a scan is running (which then looks again itself). */
    private void offerAgain(long chatId, Turn turn) {
        synchronized (this) {
            if (stopped || turns.get(chatId) != turn) {
                return;
            }
            turn.more = true;
            if (turn.scanning) {
                return;
            }
            turn.scanning = true;
        }
        executor.execute(() -> run(chatId, turn));
    }

    /** One chat held by this instance: what was handed on, what has not left yet, whether more arrived. */
    private static final class Turn {
        final Set<Long> handed = new HashSet<>();
        final List<CompletableFuture<?>> pending = new ArrayList<>();
        /** Whether more may have arrived since the last scan; guarded by the enclosing {@code ChatTurns}. */
        boolean more;
        /** Whether a scan runs or is about to; guarded by the enclosing {@code ChatTurns}. */
        boolean scanning;
    }
}
