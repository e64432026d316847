package dev.briefing.bot.outbox;

import java.time.Duration;

/**
 * How fast the outbox may send and how hard it tries.
 *
 * @param perChat messages to one chat per {@code chatWindow}
 * @param chatWindow the window of {@code perChat}
 * @param perGroup messages to one group per {@code groupWindow}
 * @param groupWindow the window of {@code perGroup}
 * @param overall messages over all chats per {@code overallWindow}
 * @param overallWindow the window of {@code overall}
 * @param maxAttempts tries per message before giving up on a 429, a 5xx or a timeout
 * @param firstBackoff the wait after the first 5xx or timeout, doubled after each further one
 * @param maxBackoff the longest wait between tries
 */
public record Limits(int perChat, Duration chatWindow, int perGroup, Duration groupWindow,
                     int overall, Duration overallWindow, int maxAttempts, Duration firstBackoff,
                     Duration maxBackoff) {

    /**
     * Telegram's documented limits: about one message a second to a chat (3 in 3 s, so a split answer
     * goes out as a burst), 20 a minute to a group, 30 a second overall; 6 tries with backoff from
     * 1 s to 30 s, which rides out about a minute of trouble.
     */
    public static final Limits TELEGRAM = new Limits(3, Duration.ofSeconds(3), 20, Duration.ofMinutes(1),
            30, Duration.ofSeconds(1), 6, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public Limits {
        positive("perChat", perChat);
        positive("perGroup", perGroup);
        positive("overall", overall);
        positive("maxAttempts", maxAttempts);
        positive("chatWindow", chatWindow);
        positive("groupWindow", groupWindow);
        positive("overallWindow", overallWindow);
        positive("firstBackoff", firstBackoff);
        positive("maxBackoff", maxBackoff);
    }

    /** The wait before try {@code attempt + 1} after {@code attempt} transient failures. */
    public Duration backoff(int attempt) {
        Duration d = firstBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("illegal " + name + ": " + value + ", must be at least 1");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("illegal " + name + ": " + value + ", must be positive");
        }
    }
}
