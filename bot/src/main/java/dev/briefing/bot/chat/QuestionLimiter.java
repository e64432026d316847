package dev.briefing.bot.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code limit} questions per user in any {@code window}, so one user cannot starve the others. A user's
 * history is read and updated in one atomic step, and forgotten by the cache once the user has not asked for a
 * whole window (by the injected clock), so no question pays for sweeping everyone else's.
 */
final class QuestionLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<Long, Deque<Instant>> asked;

    QuestionLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("illegal question limit: " + limit + ", must be at least 1");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        // Idle a whole window, every timestamp has left it: the user's history says nothing any more.
        this.asked = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterAccess(window)
                .build();
    }

    /** Counts a question of {@code userId}; false when the user is over the limit (the question is not counted). */
    boolean tryAcquire(long userId) {
        Instant now = clock.instant();
        boolean[] allowed = {false};
        // compute runs atomically per key: no expiry or other question of the user can come between read and write.
        asked.asMap().compute(userId, (id, times) -> {
            Deque<Instant> t = times == null ? new ArrayDeque<>() : times;
            while (!t.isEmpty() && !t.peekFirst().plus(window).isAfter(now)) {
                t.removeFirst();
            }
            if (t.size() < limit) {
                t.addLast(now);
                allowed[0] = true;
            }
            return t;
        });
        return allowed[0];
    }

    /** Users whose questions are still remembered, after forgetting the idle ones. */
    long tracked() {
        asked.cleanUp();
        return asked.estimatedSize();
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }
}
