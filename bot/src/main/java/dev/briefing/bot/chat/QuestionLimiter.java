package dev.briefing.bot.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most {@code limit} questions per user in any {@code window}, so one user cannot starve the others. */
final class QuestionLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<Long, Deque<Instant>> asked = new ConcurrentHashMap<>();

    QuestionLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("illegal question limit: " + limit + ", must be at least 1");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts a question of {@code userId}; false when the user is over the limit (the question is not counted). */
    boolean tryAcquire(long userId) {
        Instant now = clock.instant();
        Deque<Instant> times = asked.computeIfAbsent(userId, id -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
                times.removeFirst();
            }
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
        }
        if (asked.size() > 10_000) {
            // Forget users with nothing in the window, so the map does not grow with every user ever seen.
            asked.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || !e.getValue().peekLast().plus(window).isAfter(now);
                }
            });
        }
        return true;
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }
}
