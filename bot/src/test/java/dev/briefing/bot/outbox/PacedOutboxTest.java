package dev.briefing.bot.outbox;

import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.OutgoingMessage;
import dev.briefing.bot.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox driven round by round with a hand-moved clock: pacing, retries and giving up, without sleeping. */
class PacedOutboxTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final FakeClock clock = new FakeClock(T0);
    final RecordingMessenger messenger = new RecordingMessenger();
    final PacedOutbox outbox = new PacedOutbox(messenger, clock, Limits.TELEGRAM, Runnable::run, null);

    static OutgoingMessage to(long chat, String text) {
        return OutgoingMessage.reply(chat, text, null);
    }

    @Test
    void sendsAChatsMessagesInOrderAtAboutOneASecond() {
        // given five messages to one chat
        for (int i = 1; i <= 5; i++) {
            outbox.post(to(1, "m" + i));
        }
        // when a round runs now
        Optional<Instant> next = outbox.pump();
        // then a burst of three goes out, and the rest waits for the chat's window
        assertEquals(List.of("m1", "m2", "m3"), texts());
        assertEquals(Optional.of(T0.plusSeconds(3)), next);
        // when the clock reaches that time
        clock.set(next.get());
        outbox.pump();
        // then the rest follows, in order
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), texts());
    }

    @Test
    void aMessageLeavesTheQueueOnlyOnceItsSenderHasRecordedWhatBecameOfIt() {
        // given callers that note the queue while they record what became of their message
        List<Integer> queuedWhileRecorded = new ArrayList<>();
        // when one message is delivered, and then another refused
        outbox.post(to(1, "delivered")).whenComplete((id, e) -> queuedWhileRecorded.add(outbox.pending()));
        outbox.pump();
        messenger.failNext(DeliveryException.rejected("blocked by the user", null));
        outbox.post(to(2, "refused")).whenComplete((id, e) -> queuedWhileRecorded.add(outbox.pending()));
        outbox.pump();
        // then each still counted as queued while its caller recorded it (so close() waits for the record, and a stop
        // cannot leave a delivered message stored to be sent again), and neither does after
        assertEquals(List.of(1, 1), queuedWhileRecorded);
        assertEquals(0, outbox.pending());
        assertEquals(List.of("delivered"), texts());
    }

    @Test
    void sendsAtMostTwentyAMinuteToAGroup() {
        // given 25 messages to a group (negative id), a second apart
        for (int i = 0; i < 25; i++) {
            outbox.post(to(-100, "g" + i));
        }
        // when rounds run every second for 59 seconds
        for (int s = 0; s < 59; s++) {
            outbox.pump();
            clock.advance(Duration.ofSeconds(1));
        }
        // then 20 went out, and the rest only after the minute
        assertEquals(20, messenger.sent.size());
        clock.set(T0.plusSeconds(120));
        outbox.pump();
        assertTrue(messenger.sent.size() > 20);
    }

    @Test
    void sendsAtMostThirtyASecondOverAllChats() {
        // given one message to each of 40 chats
        for (int chat = 1; chat <= 40; chat++) {
            outbox.post(to(chat, "hi"));
        }
        // when a round runs
        Optional<Instant> next = outbox.pump();
        // then 30 go out now and the others a second later
        assertEquals(30, messenger.sent.size());
        assertEquals(Optional.of(T0.plusSeconds(1)), next);
        clock.set(next.get());
        outbox.pump();
        assertEquals(40, messenger.sent.size());
    }

    @Test
    void retriesA429AfterItsRetryAfter() throws Exception {
        // given a Bot API that answers the first try with 429, retry after 7 s
        messenger.failNext(DeliveryException.rateLimited(Duration.ofSeconds(7), "429 Too Many Requests"));
        CompletableFuture<Integer> sent = outbox.post(to(1, "hello"));
        // when rounds run now and just before the 7 s
        outbox.pump();
        clock.advance(Duration.ofMillis(6_999));
        outbox.pump();
        // then nothing went out yet
        assertTrue(messenger.sent.isEmpty());
        assertFalse(sent.isDone());
        // when the 7 s have passed
        clock.advance(Duration.ofMillis(1));
        outbox.pump();
        // then it went out exactly once
        assertEquals(List.of("hello"), texts());
        assertTrue(sent.get() > 0);
    }

    @Test
    void retriesA5xxWithGrowingBackoff() throws Exception {
        // given two 5xx answers before success
        messenger.failNext(DeliveryException.transientFailure("502 Bad Gateway", null))
                .failNext(DeliveryException.transientFailure("502 Bad Gateway", null));
        CompletableFuture<Integer> sent = outbox.post(to(1, "hello"));
        // when the rounds come due one after the other
        Optional<Instant> first = roundAfterPump();
        Optional<Instant> second = roundAfterPump();
        outbox.pump();
        // then the waits were 1 s and 2 s, and the message went out once
        assertEquals(Optional.of(T0.plusSeconds(1)), first);
        assertEquals(Optional.of(T0.plusSeconds(3)), second);
        assertEquals(List.of("hello"), texts());
        assertTrue(sent.isDone() && !sent.isCompletedExceptionally());
        assertEquals(3, messenger.attempts.get());
    }

    @Test
    void givesUpOnAChatThatBlockedTheBotAndGoesOnWithOthers() {
        // given a chat whose user blocked the bot, and another chat
        messenger.failNext(DeliveryException.rejected("403 Forbidden: bot was blocked by the user", null));
        CompletableFuture<Integer> blocked = outbox.post(to(1, "to blocked"));
        outbox.post(to(2, "to other"));
        // when a round runs
        outbox.pump();
        // then the blocked chat's message fails without retrying, and the other goes out
        ExecutionException e = assertThrows(ExecutionException.class, blocked::get);
        assertEquals(DeliveryException.Kind.REJECTED, ((DeliveryException) e.getCause()).kind());
        assertEquals(List.of("to other"), texts());
        assertEquals(0, outbox.pending());
    }

    @Test
    void givesUpAfterMaxAttemptsOfTransientFailures() {
        // given a Bot API that keeps failing
        for (int i = 0; i < Limits.TELEGRAM.maxAttempts(); i++) {
            messenger.failNext(DeliveryException.transientFailure("500 Internal Server Error", null));
        }
        CompletableFuture<Integer> sent = outbox.post(to(1, "hello"));
        // when every retry comes due
        Optional<Instant> next = outbox.pump();
        while (next.isPresent()) {
            clock.set(next.get());
            next = outbox.pump();
        }
        // then it was tried maxAttempts times, then failed, not silently dropped
        assertEquals(Limits.TELEGRAM.maxAttempts(), messenger.attempts.get());
        assertTrue(sent.isCompletedExceptionally());
        assertTrue(messenger.sent.isEmpty());
    }

    @Test
    void refusesMessagesBeyondAChatsQueueBound() throws Exception {
        // given a group with as many messages queued as a chat may have
        for (int i = 0; i < PacedOutbox.MAX_QUEUED_PER_CHAT; i++) {
            outbox.post(to(-100, "g" + i));
        }
        // when one more comes for it, and one for another chat
        CompletableFuture<Integer> refused = outbox.post(to(-100, "one too many"));
        CompletableFuture<Integer> other = outbox.post(to(2, "other"));
        // then that one is refused with a reason naming the chat (and logged), not queued, and the other chat is served
        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        assertEquals(DeliveryException.Kind.REJECTED, ((DeliveryException) e.getCause()).kind());
        assertTrue(e.getCause().getMessage().contains("chat -100"), e.getCause().getMessage());
        assertEquals(PacedOutbox.MAX_QUEUED_PER_CHAT + 1, outbox.pending());
        outbox.pump();
        assertTrue(other.isDone() && !other.isCompletedExceptionally());
    }

    @Test
    void closeGivesUpByTheInjectedClock() {
        // given an outbox run by a timer, with a send that never comes back, and a clock that moves 5 s a reading
        Clock hurried = new Clock() {
            Instant now = T0;

            @Override
            public synchronized Instant instant() {
                now = now.plusSeconds(5);
                return now;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            PacedOutbox timed = new PacedOutbox(messenger, hurried, Limits.TELEGRAM, task -> { }, timer);
            CompletableFuture<Integer> stuck = timed.post(to(1, "stuck"));
            CompletableFuture<Integer> queued = timed.post(to(1, "queued"));
            // when it is closed, then it gives up when the clock passes the drain timeout, not 10 real seconds later
            assertTimeoutPreemptively(Duration.ofSeconds(3), timed::close);
            assertTrue(queued.isCompletedExceptionally());
            assertFalse(stuck.isDone());
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void backoffDoublesUpToItsCap() {
        // given Telegram's limits
        Limits limits = Limits.TELEGRAM;
        // when the backoff of successive attempts is asked
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            waits.add(limits.backoff(attempt));
        }
        // then it doubles from 1 s and stops at 30 s
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), waits.stream().map(Duration::toSeconds).toList());
    }

    @Test
    void rejectsIllegalLimitsNamingTheField() {
        // given a limit of zero messages per chat
        // when limits are made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Limits(0, Duration.ofSeconds(1),
                20, Duration.ofMinutes(1), 30, Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Duration.ofSeconds(3)));
        // then the message names it
        assertTrue(e.getMessage().contains("perChat"), e.getMessage());
    }

    private Optional<Instant> roundAfterPump() {
        Optional<Instant> next = outbox.pump();
        next.ifPresent(clock::set);
        return next;
    }

    private List<String> texts() {
        return messenger.sent.stream().map(OutgoingMessage::html).toList();
    }
}
