package dev.briefing.bot.digest;

import dev.briefing.bot.outbox.SendBudget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps digest sends within Telegram's overall limit: at most {@code perSecond} in any sliding window of one second
 * (plus {@link #MARGIN}), only when the bot's shared {@link SendBudget} has room too, and none at all while a
 * 429's {@code retry_after} runs. A sliding window rather than a fixed spacing lets a burst use the whole budget at
 * once, which matters when a send is slow. Thread-safe: callers queue on {@link #acquire()}.
 *
 * <p>In the bot the budget is shared with the outbox that sends replies, and digests get {@link #SHARED_PER_SECOND}
 * of its 30 a second, so a big digest run still leaves room for answers.
 */
public final class Pacer {

    /** Telegram's documented overall rate: about 30 messages a second. */
    public static final int TELEGRAM_PER_SECOND = 30;
    /**
     * Digests a second when the budget is shared with replies: 25 of the 30, so answers always have at least 5
     * a second however many digests are due (10,000 chats then take 400 s rather than 333 s).
     */
    public static final int SHARED_PER_SECOND = 25;
    /** Slack added to the window for the hand-off between taking a slot and the request reaching Telegram. */
    static final Duration MARGIN = Duration.ofMillis(5);
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final int perSecond;
    private final Duration window;
    private final SendBudget shared;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ArrayDeque<Instant> recent = new ArrayDeque<>();
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

    /** A pacer that has the overall limit to itself (the benchmark, tests): nothing else sends for the bot. */
    public Pacer(int perSecond, Clock clock, Sleeper sleeper) {
        this(perSecond, new SendBudget(Math.max(1, perSecond), SECOND.plus(MARGIN)), clock, sleeper);
    }

    /**
     * A pacer that draws on the bot's overall budget, shared with other senders.
     *
     * @param perSecond the most digests in any second, whatever room the budget has
     * @param shared the bot's overall budget, read with {@code clock}
     */
    public Pacer(int perSecond, SendBudget shared, Clock clock, Sleeper sleeper) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("illegal perSecond value: " + perSecond + ", must be at least 1");
        }
        this.perSecond = perSecond;
        this.window = SECOND.plus(MARGIN);
        this.shared = Objects.requireNonNull(shared, "shared");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Waits until one more message may go out, and counts it. */
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            Instant resume = pausedUntil.get();
            Instant at;
            if (now.isBefore(resume)) {
                at = resume;
            } else {
                while (!recent.isEmpty() && !now.isBefore(recent.peekFirst().plus(window))) {
                    recent.pollFirst();
                }
                if (recent.size() >= perSecond) {
                    at = recent.peekFirst().plus(window);
                } else if (shared.tryAcquire(now)) {
                    recent.addLast(now);
                    return;
                } else {
                    // The replies took the room; wait for the budget's next slot (at least a moment, as another
                    // sender may take it first).
                    Instant free = shared.nextAllowed(now);
                    at = free.isAfter(now) ? free : now.plusMillis(1);
                }
            }
            sleeper.sleep(Duration.between(now, at));
        }
    }

    /**
     * Holds every sender for {@code duration} from now: Telegram's 429 limits the bot, not one chat, so the shared
     * budget is paused too, which holds the replies' outbox (and a 429 the outbox gets holds this pacer through it).
     */
    public void pause(Duration duration) {
        Instant until = clock.instant().plus(duration);
        pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
        shared.pauseUntil(until);
    }
}
