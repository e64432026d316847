package dev.briefing.bot.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs with real time from a chosen start, and that a test moves forward by hand: the bot's own
 * pacing keeps working while the test jumps to a send time instead of sleeping until it.
 */
final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset;

    /** A clock that reads {@code start} now. */
    MovableClock(Instant start) {
        this.offset = new AtomicReference<>(Duration.between(Instant.now(), start));
    }

    void advance(Duration d) {
        offset.updateAndGet(o -> o.plus(d));
    }

    /** Moves the clock forward to {@code instant}; it keeps running from there. */
    void moveTo(Instant instant) {
        Duration jump = Duration.between(instant(), instant);
        if (jump.isNegative()) {
            throw new IllegalArgumentException("illegal move back in time to " + instant + " from " + instant());
        }
        advance(jump);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests read instants only");
    }
}
