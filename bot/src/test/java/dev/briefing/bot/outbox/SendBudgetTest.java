package dev.briefing.bot.outbox;

import dev.briefing.bot.digest.Pacer;
import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.OutgoingMessage;
import dev.briefing.bot.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One overall budget shared by the reply outbox and the digest pacer, driven by a hand-moved clock. */
class SendBudgetTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final FakeClock clock = new FakeClock(T0);
    final SendBudget budget = SendBudget.of(Limits.TELEGRAM);
    final RecordingMessenger messenger = new RecordingMessenger();
    final PacedOutbox outbox = new PacedOutbox(messenger, clock, Limits.TELEGRAM, budget, Runnable::run, null);
    /** The pacer "sleeps" by moving the clock, so a test never waits. */
    final Pacer digests = new Pacer(Pacer.SHARED_PER_SECOND, budget, clock, clock::advance);

    @Test
    void takesAtMostTheLimitInAnyWindow() {
        // given a budget of 2 a second with both taken
        SendBudget two = new SendBudget(2, Duration.ofSeconds(1));
        assertTrue(two.tryAcquire(T0));
        assertTrue(two.tryAcquire(T0.plusMillis(100)));
        // when a third is asked for within the second, then it is refused until the first leaves the window
        assertFalse(two.tryAcquire(T0.plusMillis(999)));
        assertEquals(T0.plusSeconds(1), two.nextAllowed(T0.plusMillis(999)));
        assertTrue(two.tryAcquire(T0.plusSeconds(1)));
    }

    @Test
    void digestsLeaveRoomForRepliesAndRepliesShareTheRest() throws Exception {
        // given a second in which the digests took all they may
        for (int i = 0; i < Pacer.SHARED_PER_SECOND; i++) {
            digests.acquire();
        }
        assertEquals(T0, clock.instant(), "25 digests fit in one instant");
        // when 10 replies to 10 chats are posted in that same second
        for (long chat = 1; chat <= 10; chat++) {
            outbox.post(OutgoingMessage.reply(chat, "answer", null));
        }
        Optional<Instant> next = outbox.pump();
        // then only the 5 the budget has left go now, the others when the window moves on
        assertEquals(30 - Pacer.SHARED_PER_SECOND, messenger.sent.size());
        assertEquals(Optional.of(T0.plus(Limits.TELEGRAM.overallWindow())), next);
        clock.set(next.get());
        outbox.pump();
        assertEquals(10, messenger.sent.size());
    }

    @Test
    void aDigestWaitsWhileRepliesHoldTheBudget() throws Exception {
        // given replies that used the whole overall budget at T0
        for (long chat = 1; chat <= 30; chat++) {
            outbox.post(OutgoingMessage.reply(chat, "answer", null));
        }
        outbox.pump();
        assertEquals(30, messenger.sent.size());
        // when a digest asks to go
        digests.acquire();
        // then it went only once the replies left the window: together never more than 30 in a second
        assertFalse(clock.instant().isBefore(T0.plus(Limits.TELEGRAM.overallWindow())), clock.instant().toString());
    }

    @Test
    void aReplysFloodWaitHoldsTheDigestsToo() throws Exception {
        // given a reply answered 429 with retry_after 9 s
        messenger.failNext(DeliveryException.rateLimited(Duration.ofSeconds(9), "429 Too Many Requests: retry after 9"));
        outbox.post(OutgoingMessage.reply(1, "answer", null));
        outbox.pump();
        assertTrue(messenger.sent.isEmpty());
        // when a digest asks to go
        digests.acquire();
        // then it went only once the flood wait was over
        assertFalse(clock.instant().isBefore(T0.plusSeconds(9)), clock.instant().toString());
    }

    @Test
    void aDigestsFloodWaitHoldsTheRepliesToo() {
        // given a digest answered 429 with retry_after 9 s
        digests.pause(Duration.ofSeconds(9));
        // when a reply to another chat is posted and rounds run until just before the 9 s
        outbox.post(OutgoingMessage.reply(2, "answer", null));
        Optional<Instant> next = outbox.pump();
        clock.set(T0.plusMillis(8_999));
        outbox.pump();
        // then nothing went out, and the outbox looks again when the wait is over
        assertTrue(messenger.sent.isEmpty());
        assertEquals(Optional.of(T0.plusSeconds(9)), next);
        clock.set(T0.plusSeconds(9));
        outbox.pump();
        assertEquals(1, messenger.sent.size());
    }

    @Test
    void aPauseHoldsTheBudgetAndALaterOneIsNotShortened() {
        // given a budget paused until T0+5 s, then asked to pause until T0+2 s
        SendBudget two = new SendBudget(2, Duration.ofSeconds(1));
        two.pauseUntil(T0.plusSeconds(5));
        two.pauseUntil(T0.plusSeconds(2));
        // then nothing is taken before T0+5 s, and then it is
        assertFalse(two.tryAcquire(T0.plusSeconds(3)));
        assertEquals(T0.plusSeconds(5), two.nextAllowed(T0.plusSeconds(3)));
        assertTrue(two.tryAcquire(T0.plusSeconds(5)));
    }

    @Test
    void rejectsAnIllegalLimitNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SendBudget(0, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("illegal limit: 0"), e.getMessage());
    }
}
