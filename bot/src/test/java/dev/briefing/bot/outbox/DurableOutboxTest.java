package dev.briefing.bot.outbox;

import dev.briefing.bot.message.ButtonPress;
import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.Messenger;
import dev.briefing.bot.message.OutgoingMessage;
import dev.briefing.bot.store.ReceivedUpdate;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The durable outbox on a real SQLite file and a hand-moved clock: a reply is stored before it is sent, tried through an
 * outage until its deadline, left stored by a shutdown and sent by the next start; a reply given up on is apologised
 * for once.
 */
class DurableOutboxTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path data;
    JdbcStore store;
    final FakeClock clock = new FakeClock(T0);
    final Outage messenger = new Outage();

    @BeforeEach
    void open() {
        store = JdbcStore.open(data);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A chat service that is down until told otherwise, and records what it accepted and what was stored then. */
    final class Outage implements Messenger {
        volatile DeliveryException failure;
        final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
        final List<Integer> storedWhenSent = new CopyOnWriteArrayList<>();
        int attempts;

        @Override
        public synchronized int send(OutgoingMessage message) throws DeliveryException {
            attempts++;
            storedWhenSent.add(store.queued().size());
            if (failure != null) {
                throw failure;
            }
            sent.add(message);
            return 500 + sent.size();
        }

        @Override
        public void typing(long chatId) {
        }

        @Override
        public void acknowledge(ButtonPress press) {
        }
    }

    DurableOutbox outbox(PacedOutbox paced) {
        return new DurableOutbox(store, paced, clock, HOUR);
    }

    PacedOutbox paced() {
        return new PacedOutbox(messenger, clock, Limits.TELEGRAM, Runnable::run, null);
    }

    /** Runs rounds, moving the clock to each next one, until nothing waits or {@code until} is reached. */
    void runUntil(PacedOutbox paced, Instant until) {
        while (true) {
            var next = paced.pump();
            if (next.isEmpty() || next.get().isAfter(until)) {
                return;
            }
            clock.set(next.get());
        }
    }

    @Test
    void aReplyIsStoredBeforeItIsSentAndLeavesOnceAccepted() throws Exception {
        // given an update received and a reply to it
        store.receive(List.of(new ReceivedUpdate(9, "{}")), T0);
        PacedOutbox paced = paced();
        DurableOutbox outbox = outbox(paced);
        Replies replies = outbox.replies(OptionalLong.of(9));
        CompletableFuture<Integer> sent = replies.post(OutgoingMessage.reply(77, "answer", 5));
        // when nothing is committed yet, then nothing is stored or sent, and the update is not done
        paced.pump();
        assertEquals(0, messenger.attempts);
        assertEquals(1, store.unfinished().size());
        // when the replies are committed and sent
        replies.commit();
        paced.pump();
        // then the reply was in the store while it was sent, the update is done, and the store is empty after
        assertEquals(List.of(1), messenger.storedWhenSent);
        assertEquals(501, sent.get());
        assertTrue(store.unfinished().isEmpty());
        assertEquals(0, store.queued().size());
    }

    @Test
    void aReplyIsTriedThroughAnOutageOfMinutes() throws Exception {
        // given Telegram answering 500 for 90 s
        messenger.failure = DeliveryException.transientFailure("sendMessage to chat 77: 500 Internal Server Error", null);
        PacedOutbox paced = paced();
        CompletableFuture<Integer> sent = outbox(paced).post(OutgoingMessage.reply(77, "answer", 5));
        runUntil(paced, T0.plusSeconds(90));
        // when it recovers
        messenger.failure = null;
        runUntil(paced, T0.plus(HOUR));
        // then the reply went out once, after more tries than the old six, and nothing is left stored
        assertEquals(1, messenger.sent.size());
        assertTrue(messenger.attempts > Limits.TELEGRAM.maxAttempts(), "attempts: " + messenger.attempts);
        assertTrue(sent.isDone() && !sent.isCompletedExceptionally());
        assertEquals(0, store.queued().size());
    }

    @Test
    void aReplyGivenUpOnAtItsDeadlineIsApologisedForOnce() {
        // given an answer in two parts, and an outage that lasts past the hour
        messenger.failure = DeliveryException.transientFailure("sendMessage to chat 77: 502 Bad Gateway", null);
        PacedOutbox paced = paced();
        DurableOutbox outbox = outbox(paced);
        Replies replies = outbox.replies(OptionalLong.of(3));
        replies.post(OutgoingMessage.reply(77, "part 1", 5));
        replies.post(OutgoingMessage.reply(77, "part 2", 5));
        replies.commit();
        runUntil(paced, T0.plus(HOUR).plusSeconds(1));
        // when Telegram takes messages again
        messenger.failure = null;
        runUntil(paced, T0.plus(HOUR).plus(HOUR));
        // then neither part went, the chat got one notice threaded to its question, and nothing is left stored
        assertEquals(1, messenger.sent.size(), messenger.sent.toString());
        assertEquals(DurableOutbox.UNDELIVERED, messenger.sent.get(0).html());
        assertEquals(5, messenger.sent.get(0).replyTo());
        assertEquals(0, store.queued().size());
    }

    @Test
    void aRefusedReplyIsNotApologisedFor() {
        // given a user who blocked the bot
        messenger.failure = DeliveryException.rejected("sendMessage to chat 77: 403 Forbidden: bot was blocked", null);
        PacedOutbox paced = paced();
        outbox(paced).post(OutgoingMessage.reply(77, "answer", 5));
        // when it is sent
        runUntil(paced, T0.plus(HOUR));
        // then it is tried once, dropped from the store, and no notice follows
        assertEquals(1, messenger.attempts);
        assertEquals(0, store.queued().size());
    }

    @Test
    void aShutdownLeavesUnsentRepliesForTheNextStart() throws Exception {
        // given a reply that cannot go out before the bot stops
        messenger.failure = DeliveryException.transientFailure("sendMessage to chat 77: 500", null);
        PacedOutbox first = paced();
        DurableOutbox before = outbox(first);
        before.post(OutgoingMessage.reply(77, "answer", 5));
        first.pump();
        // when the bot stops, then the reply stays stored
        before.close();
        assertEquals(1, store.queued().size());
        // when the next start resumes it and Telegram is back
        messenger.failure = null;
        PacedOutbox second = paced();
        assertEquals(1, outbox(second).resume());
        second.pump();
        // then it went out, once, and left the store
        assertEquals(List.of("answer"), messenger.sent.stream().map(OutgoingMessage::html).toList());
        assertEquals(0, store.queued().size());
        assertFalse(messenger.sent.isEmpty());
    }
}
