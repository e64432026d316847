package dev.briefing.bot.digest;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits: really in the bot, by moving a fake clock in tests, so no test sleeps. */
@FunctionalInterface
public interface Sleeper {

    /** The real thing. */
    Sleeper SYSTEM = d -> TimeUnit.NANOSECONDS.sleep(Math.max(0, d.toNanos()));

    void sleep(Duration duration) throws InterruptedException;
}
