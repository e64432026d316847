package dev.briefing.bot.chat;

import dev.briefing.bot.outbox.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionLimiterTest {

    @Test
    void limitsEachUserWithinTheWindowAndForgetsAfterIt() {
        // given a limit of 2 questions a minute
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        QuestionLimiter limiter = new QuestionLimiter(2, Duration.ofMinutes(1), clock);
        // when one user asks three times at once, and another once
        boolean first = limiter.tryAcquire(1);
        boolean second = limiter.tryAcquire(1);
        boolean third = limiter.tryAcquire(1);
        boolean other = limiter.tryAcquire(2);
        // then the third is refused, the other user is not affected
        assertTrue(first && second && other);
        assertFalse(third);
        // and a minute later the user may ask again
        clock.advance(Duration.ofMinutes(1));
        assertTrue(limiter.tryAcquire(1));
    }
}
