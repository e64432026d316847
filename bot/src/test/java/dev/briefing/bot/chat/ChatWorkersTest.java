package dev.briefing.bot.chat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One task at a time per chat: the queue's bound, its drain at shutdown, and tasks the pool refuses. */
class ChatWorkersTest {

    @Test
    void drainLetsAChatsQueuedTasksRunBeforeThePoolStops() throws Exception {
        // given a chat with a running task and one queued behind it (not yet in the pool)
        ExecutorService pool = Executors.newSingleThreadExecutor();
        ChatWorkers workers = new ChatWorkers(pool);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        workers.submit(7, () -> {
            await(release);
            ran.add("first");
        });
        workers.submit(7, () -> ran.add("second"));
        // when the bot drains before shutting the pool down, and the running task finishes
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> drain(workers, Duration.ofSeconds(5)));
        release.countDown();
        // then both ran, the second was not refused by a stopped pool
        assertTrue(drained.get(5, TimeUnit.SECONDS));
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second"), ran);
        assertEquals(0, workers.dropped());
    }

    @Test
    void drainGivesUpAfterItsTimeout() throws Exception {
        // given a task that never gets a thread
        ChatWorkers workers = new ChatWorkers(task -> { });
        workers.submit(7, () -> { });
        // when the bot drains with no time to spare, then it says some still wait
        assertFalse(workers.drain(Duration.ZERO));
    }

    @Test
    void countsAndLogsATaskThePoolRefusesInsteadOfDroppingItSilently() throws Exception {
        // given a pool that has been shut down
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdown();
        ChatWorkers workers = new ChatWorkers(pool);
        // when two messages of one chat arrive
        workers.submit(7, () -> { });
        workers.submit(7, () -> { });
        // then both are reported dropped (the log names the chat), and nothing is left waiting
        assertEquals(2, workers.dropped());
        assertTrue(workers.drain(Duration.ZERO));
    }

    @Test
    void refusesBeyondItsBoundTellingTheFirstRefusalApart() {
        // given a chat with two tasks waiting on a pool that holds them, and a bound of two
        Deque<Runnable> pool = new ArrayDeque<>();
        ChatWorkers workers = new ChatWorkers(pool::add, 2);
        assertEquals(ChatWorkers.Admission.QUEUED, workers.submit(7, () -> { }));
        assertEquals(ChatWorkers.Admission.QUEUED, workers.submit(7, () -> { }));
        // when more come, then the first refusal says "busy", the next "still busy", and another chat is not affected
        assertEquals(ChatWorkers.Admission.BUSY, workers.submit(7, () -> { }));
        assertEquals(ChatWorkers.Admission.STILL_BUSY, workers.submit(7, () -> { }));
        assertEquals(ChatWorkers.Admission.QUEUED, workers.submit(8, () -> { }));
        // and once the chat's queue has emptied, it is accepted again and would be told afresh
        while (!pool.isEmpty()) {
            pool.poll().run();
        }
        assertEquals(ChatWorkers.Admission.QUEUED, workers.submit(7, () -> { }));
    }

    @Test
    void rejectsAnIllegalBound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChatWorkers(Runnable::run, 0));
        assertTrue(e.getMessage().contains("maxPending: 0"), e.getMessage());
    }

    private static boolean drain(ChatWorkers workers, Duration timeout) {
        try {
            return workers.drain(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
