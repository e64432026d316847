package dev.briefing.bot.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Telegram's overall flood limit (about 30 messages a second over all chats) as one budget that every sender of
 * the bot draws on: the outbox's replies and the digest's pacer consult the same object, so together they stay
 * within the limit instead of each using all of it. Limits are per bot token, so one bot has one budget.
 *
 * <p>A 429's {@code retry_after} for the overall limit holds the bot as a whole, so whoever gets one {@link #pause}s
 * the budget and every sender waits it out.
 *
 * <p>Everyone drawing on a budget must give it instants from the same clock. Thread-safe; its lock is never held
 * while calling out, so callers may hold their own locks while they ask.
 */
public final class SendBudget {

    private final SlidingWindow window;
    private Instant pausedUntil = Instant.MIN;

    /** At most {@code limit} sends in any sliding {@code window}. */
    public SendBudget(int limit, Duration window) {
        Objects.requireNonNull(window, "window");
        this.window = new SlidingWindow(limit, window);
    }

    /** The overall part of {@code limits}: {@link Limits#overall()} per {@link Limits#overallWindow()}. */
    public static SendBudget of(Limits limits) {
        return new SendBudget(limits.overall(), limits.overallWindow());
    }

    /** Takes one send at {@code now} when the budget has room; false, and nothing taken, when it has none. */
    public synchronized boolean tryAcquire(Instant now) {
        if (now.isBefore(pausedUntil) || window.nextAllowed(now).isAfter(now)) {
            return false;
        }
        window.record(now);
        return true;
    }

    /** The first instant, {@code now} or later, at which one more send fits (others may take it first). */
    public synchronized Instant nextAllowed(Instant now) {
        Instant free = window.nextAllowed(now);
        return free.isBefore(pausedUntil) ? pausedUntil : free;
    }

    /** Holds every sender until {@code until} (a 429's {@code retry_after} from now); an earlier pause never shortens a later one. */
    public synchronized void pauseUntil(Instant until) {
        Objects.requireNonNull(until, "until");
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }
}
