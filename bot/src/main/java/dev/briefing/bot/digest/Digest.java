package dev.briefing.bot.digest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One digest message as composed for a chat.
 *
 * @param html the message, Telegram HTML within 4096 characters
 * @param articleDay the article day it summarizes, or null for "no new articles"
 */
public record Digest(String html, LocalDate articleDay) {

    public Digest {
        Objects.requireNonNull(html, "html");
        if (html.isBlank() || html.length() > 4096) {
            throw new IllegalArgumentException("illegal html length: " + html.length() + ", must be 1 to 4096 characters");
        }
    }
}
