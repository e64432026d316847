package dev.briefing.bot.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps sends within Telegram's overall limit: at most {@code perSecond} in any sliding window of one second
 * (plus {@link #MARGIN}), and none at all while a 429's {@code retry_after} runs. A sliding window rather than a
 * fixed spacing lets a burst use the whole budget at once, which matters when a send is slow. Thread-safe:
 * callers queue on {@link #acquire()}.
 */
public final class Pacer {

    /** Telegram's documented overall rate: about 30 messages a second. */
    public static final int TELEGRAM_PER_SECOND = 30;
    /** Slack added to the window for the hand-off between taking a slot and the request reaching Telegram. */
    static final Duration MARGIN = Duration.ofMillis(5);
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final int perSecond;
    private final Duration window;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ArrayDeque<Instant> recent = new ArrayDeque<>();
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

    public Pacer(int perSecond, Clock clock, Sleeper sleeper) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("illegal perSecond value: " + perSecond + ", must be at least 1");
        }
        this.perSecond = perSecond;
        this.window = SECOND.plus(MARGIN);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Waits until one more message may go out, and counts it. */
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            Instant resume = pausedUntil.get();
            Duration wait;
            if (now.isBefore(resume)) {
                wait = Duration.between(now, resume);
            } else {
                while (!recent.isEmpty() && !now.isBefore(recent.peekFirst().plus(window))) {
                    recent.pollFirst();
                }
                if (recent.size() < perSecond) {
                    recent.addLast(now);
                    return;
                }
                wait = Duration.between(now, recent.peekFirst().plus(window));
            }
            sleeper.sleep(wait);
        }
    }

    /** Holds every sender for {@code duration} from now: Telegram's 429 limits the bot, not one chat. */
    public void pause(Duration duration) {
        Instant until = clock.instant().plus(duration);
        pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }
}
