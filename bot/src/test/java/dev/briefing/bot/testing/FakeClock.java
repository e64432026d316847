package dev.briefing.bot.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one fake clock of the bot's tests (after Caffeine's {@code FakeTicker}): a test moves it by hand, so expiry,
 * limits, schedules and pacing are tested without sleeping. Stopped, it reads what the test set; {@link #running},
 * it goes on with real time from where the test put it, so an end-to-end test's real pacing keeps working while
 * the test jumps to a send time.
 */
public final class FakeClock extends Clock {

    /** What the clock read at {@link #origin}. */
    private final AtomicReference<Instant> base;
    private final boolean running;
    private final long origin = System.nanoTime();

    /** A stopped clock that reads {@code start} until the test moves it. */
    public FakeClock(Instant start) {
        this(start, false);
    }

    private FakeClock(Instant start, boolean running) {
        this.base = new AtomicReference<>(start);
        this.running = running;
    }

    /** A clock that reads {@code start} now and runs on with real time. */
    public static FakeClock running(Instant start) {
        return new FakeClock(start, true);
    }

    public void advance(Duration d) {
        base.updateAndGet(t -> t.plus(d));
    }

    /** Sets the clock to {@code instant}, forward or back; a running clock runs on from there. */
    public void set(Instant instant) {
        base.set(instant.minusNanos(elapsedNanos()));
    }

    /** Moves the clock forward to {@code instant}. */
    public void moveTo(Instant instant) {
        if (instant.isBefore(instant())) {
            throw new IllegalArgumentException("illegal move back in time to " + instant + " from " + instant());
        }
        set(instant);
    }

    private long elapsedNanos() {
        return running ? System.nanoTime() - origin : 0;
    }

    @Override
    public Instant instant() {
        return base.get().plusNanos(elapsedNanos());
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
