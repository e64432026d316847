package dev.briefing.bot.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** At most {@code limit} events in any {@code window}: the shape of each of Telegram's flood limits. */
final class SlidingWindow {

    private final int limit;
    private final Duration window;
    private final Deque<Instant> events = new ArrayDeque<>();

    SlidingWindow(int limit, Duration window) {
        if (limit < 1) {
            throw new IllegalArgumentException("illegal limit: " + limit + ", must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("illegal window: " + window + ", must be positive");
        }
        this.limit = limit;
        this.window = window;
    }

    /** The first instant, {@code now} or later, at which one more event fits. */
    Instant nextAllowed(Instant now) {
        while (!events.isEmpty() && !events.peekFirst().plus(window).isAfter(now)) {
            events.removeFirst();
        }
        return events.size() < limit ? now : events.peekFirst().plus(window);
    }

    void record(Instant at) {
        events.addLast(at);
    }

    boolean isIdle(Instant now) {
        return nextAllowed(now).equals(now) && events.isEmpty();
    }
}
