package dev.briefing.bot.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs work for many chats on a shared pool, one task at a time per chat: a chat's questions are answered
 * in order (a follow-up needs the answer before it), while a slow chat never holds up another.
 */
final class ChatWorkers {

    private static final Logger log = LoggerFactory.getLogger(ChatWorkers.class);

    private final Executor pool;
    private final Map<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    ChatWorkers(Executor pool) {
        this.pool = pool;
    }

    void submit(long chatId, Runnable task) {
        CompletableFuture<Void> turn = new CompletableFuture<>();
        CompletableFuture<Void> done = turn.thenRunAsync(() -> run(chatId, task), pool);
        // put is atomic, so every task waits for exactly the one queued before it in its chat.
        CompletableFuture<Void> before = tails.put(chatId, done);
        done.whenComplete((ok, e) -> tails.remove(chatId, done));
        if (before == null) {
            turn.complete(null);
        } else {
            before.whenComplete((ok, e) -> turn.complete(null));
        }
    }

    private static void run(long chatId, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("chat {}: handling a message failed", chatId, e);
        }
    }
}
