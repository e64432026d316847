package dev.briefing.bot.chat;

import dev.briefing.bot.store.ChatMemory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code limit} questions per user in any {@code window}, so one user cannot starve the others. The count is
 * kept in the store: a restart does not reset it, and instances sharing a database share it. Each question reads and
 * updates the user's recent questions in one transaction holding the user's row, so questions racing on one
 * instance or on several cannot pass the limit together; a user's row expires once the user has not asked for a
 * whole window (by the injected clock).
 */
final class QuestionLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ChatMemory store;

    QuestionLimiter(int limit, Duration window, Clock clock, ChatMemory store) {
        if (limit < 1) {
            throw new IllegalArgumentException("illegal question limit: " + limit + ", must be at least 1");
        }
        this.limit = limit;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Counts a question of {@code userId}; false when the user is over the limit (the question is not counted). */
    boolean tryAcquire(long userId) {
        return store.tryAcquireQuestion(userId, limit, window, clock.instant());
    }

    /** Users whose questions are still remembered: those who asked within the last window. */
    long tracked() {
        return store.questionUsers(clock.instant());
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }
}
