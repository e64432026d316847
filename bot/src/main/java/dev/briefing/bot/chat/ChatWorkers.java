package dev.briefing.bot.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work for many chats on a shared pool, one task at a time per chat: a chat's questions are answered
 * in order (a follow-up needs the answer before it), while a slow chat never holds up another. A chat may have
 * at most {@code maxPending} tasks waiting or running; more are refused, not queued without end, and a task that
 * never runs (the pool stopped) is logged with its chat, never dropped silently.
 */
final class ChatWorkers {

    /**
     * Tasks one chat may have waiting or running: a busy group asking faster than answers come gets told, rather than
     * building a queue that answers minutes late and holds memory.
     */
    static final int MAX_PENDING = 10;

    /** What became of a submitted task. */
    enum Admission {
        /** Queued behind the chat's earlier tasks. */
        QUEUED,
        /** Refused: the chat has {@code maxPending} tasks already; the first refusal since the chat was last idle. */
        BUSY,
        /** Refused again before the chat's queue emptied: the chat has been told. */
        STILL_BUSY
    }

    private static final Logger log = LoggerFactory.getLogger(ChatWorkers.class);

    private final Executor pool;
    private final int maxPending;
    /** Chats with tasks waiting or running; guarded by {@code this}. */
    private final Map<Long, Chain> chains = new HashMap<>();
    private final AtomicInteger dropped = new AtomicInteger();

    ChatWorkers(Executor pool) {
        this(pool, MAX_PENDING);
    }

    ChatWorkers(Executor pool, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("illegal maxPending: " + maxPending + ", must be at least 1");
        }
        this.pool = pool;
        this.maxPending = maxPending;
    }

    Admission submit(long chatId, Runnable task) {
        CompletableFuture<Void> turn = new CompletableFuture<>();
        CompletableFuture<Void> before;
        CompletableFuture<Void> done;
        Chain chain;
        int waiting;
        synchronized (this) {
            chain = chains.computeIfAbsent(chatId, id -> new Chain());
            waiting = chain.pending;
            if (waiting >= maxPending) {
                boolean first = !chain.toldBusy;
                chain.toldBusy = true;
                log.warn("chat {}: refused a message: {} are waiting to be handled already", chatId, waiting);
                return first ? Admission.BUSY : Admission.STILL_BUSY;
            }
            chain.pending++;
            before = chain.tail;
            done = turn.thenRunAsync(() -> run(chatId, task), pool);
            chain.tail = done;
        }
        Chain mine = chain;
        done.whenComplete((ok, e) -> finished(chatId, mine, e));
        if (before == null) {
            turn.complete(null);
        } else {
            before.whenComplete((ok, e) -> turn.complete(null));
        }
        return Admission.QUEUED;
    }

    /** Waits up to {@code timeout} until every chat's tasks have run; false when some still wait. */
    boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!chains.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("{} chat(s) still have messages waiting after {} s", chains.size(), timeout.toSeconds());
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    /** Tasks that never ran (the pool refused them), since start. */
    int dropped() {
        return dropped.get();
    }

    private void finished(long chatId, Chain chain, Throwable failure) {
        if (failure != null) {
            dropped.incrementAndGet();
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            log.warn("chat {}: a message was dropped unhandled: {}", chatId, cause.toString());
        }
        synchronized (this) {
            if (--chain.pending == 0) {
                chains.remove(chatId, chain);
                notifyAll();
            }
        }
    }

    private static void run(long chatId, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("chat {}: handling a message failed", chatId, e);
        }
    }

    /** One chat's queue: the last task, how many wait or run, and whether the chat was told it is busy. */
    private static final class Chain {
        CompletableFuture<Void> tail;
        int pending;
        boolean toldBusy;
    }
}
