package dev.briefing.bot.telegram;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret Telegram sends with every webhook request, in the {@code X-Telegram-Bot-Api-Secret-Token} header (checked by {@link
 * dev.briefing.bot.http.HttpListener}), so the
 * webhook can tell Telegram's requests from anyone else's. Its {@code toString} hides the value.
 *
 * @param value 16 to 256 letters, digits, {@code _} or {@code -} (Telegram allows 1 to 256 of them; fewer than 16
 *              could be guessed)
 */
public record WebhookSecret(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public WebhookSecret {
        // Say what is wrong without repeating the value.
        if (value == null || !value.matches("[A-Za-z0-9_-]{16,256}")) {
            throw new IllegalArgumentException("illegal webhook secret: must be 16 to 256 letters, digits, _ or -"
                    + (value == null ? "" : " (it has " + value.length() + " characters)"));
        }
    }

    /** 256 random bits, for a single instance: each start registers its own. */
    public static WebhookSecret random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new WebhookSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public String toString() {
        return "WebhookSecret[hidden]";
    }
}
