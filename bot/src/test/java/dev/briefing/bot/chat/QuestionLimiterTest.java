package dev.briefing.bot.chat;

import dev.briefing.bot.outbox.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void forgetsUsersIdleForAWindowWithoutSweepingOnEveryQuestion() {
        // given 20,000 users who each asked once
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        QuestionLimiter limiter = new QuestionLimiter(2, Duration.ofMinutes(1), clock);
        for (long user = 1; user <= 20_000; user++) {
            assertTrue(limiter.tryAcquire(user));
        }
        assertEquals(20_000, limiter.tracked());
        // when a window passes and one of them asks again
        clock.advance(Duration.ofMinutes(1));
        assertTrue(limiter.tryAcquire(7));
        // then only that one is remembered
        assertEquals(1, limiter.tracked());
    }

    @Test
    void neverLetsAUserPastTheLimitWhenQuestionsRace() throws Exception {
        // given a limit of 3 a minute, 12,000 users already known (so the old sweep ran on every question),
        // and many users each asking 6 times at once from 8 threads
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        QuestionLimiter limiter = new QuestionLimiter(3, Duration.ofMinutes(1), clock);
        for (long user = 100_000; user < 112_000; user++) {
            limiter.tryAcquire(user);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicIntegerArray granted = new AtomicIntegerArray(200);
        try {
            List<Future<?>> asks = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (int user = 0; user < 200; user++) {
                    int u = user;
                    asks.add(pool.submit(() -> {
                        if (limiter.tryAcquire(u)) {
                            granted.incrementAndGet(u);
                        }
                    }));
                }
            }
            for (Future<?> f : asks) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // then no user got more than the limit
        for (int user = 0; user < 200; user++) {
            assertEquals(3, granted.get(user), "user " + user);
        }
    }
}
