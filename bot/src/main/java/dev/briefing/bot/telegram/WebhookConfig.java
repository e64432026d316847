package dev.briefing.bot.telegram;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How Telegram reaches the bot in webhook mode.
 *
 * @param url the public address Telegram posts updates to ({@code setWebhook}'s {@code url}); the local listener
 *            serves its path
 * @param secret what Telegram sends with each update; every instance behind one address needs the same
 * @param secretConfigured whether the secret came from the configuration (shared by instances) or was made at random
 */
public record WebhookConfig(URI url, WebhookSecret secret, boolean secretConfigured) {

    public WebhookConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        String scheme = url.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme) || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw new IllegalArgumentException("illegal webhook URL: '" + url
                    + "', must be https://host[:port]/path (Telegram posts only to https; http is for a local Bot API)");
        }
    }

    /** The path the listener serves the webhook at: the URL's, or {@code /} when it has none. */
    public String path() {
        String path = url.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /**
     * The webhook at {@code url}, with the secret from the environment ({@code TELEGRAM_WEBHOOK_SECRET}) or the
     * properties file {@code configFile} ({@code telegram.webhook-secret}), else a random one.
     *
     * @throws IllegalArgumentException with a message an operator can act on (never the secret itself)
     */
    public static WebhookConfig resolve(URI url, Map<String, String> env, Path configFile) throws IOException {
        String secret = env.get("TELEGRAM_WEBHOOK_SECRET");
        if ((secret == null || secret.isBlank()) && configFile != null && Files.isRegularFile(configFile)) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(in);
            }
            secret = file.getProperty("telegram.webhook-secret");
        }
        if (secret == null || secret.isBlank()) {
            return new WebhookConfig(url, WebhookSecret.random(), false);
        }
        return new WebhookConfig(url, new WebhookSecret(secret.strip()), true);
    }
}
