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
 * Where the bot connects and as whom.
 *
 * @param token the bot's token
 * @param apiUrl the Bot API server: Telegram's, or another (a local Bot API server, an emulator in tests)
 */
public record TelegramConfig(BotToken token, URI apiUrl) {

    /** Telegram's own Bot API server. */
    public static final URI TELEGRAM_API = URI.create("https://api.telegram.org");

    public TelegramConfig {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
        String scheme = apiUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("illegal Bot API URL: '" + apiUrl + "', must be http(s)://host[:port]");
        }
    }

    /**
     * Reads the token and the API URL from the environment ({@code TELEGRAM_BOT_TOKEN}, {@code
     * TELEGRAM_API_URL}), falling back to the properties file {@code configFile} ({@code telegram.token},
     * {@code telegram.api-url}) when given and present.
     *
     * @throws IllegalArgumentException with a message an operator can act on when there is no usable token
     */
    public static TelegramConfig resolve(Map<String, String> env, Path configFile) throws IOException {
        Properties file = new Properties();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new IllegalArgumentException("no config file at " + configFile.toAbsolutePath());
            }
            try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(in);
            }
        }
        String token = firstNonBlank(env.get("TELEGRAM_BOT_TOKEN"), file.getProperty("telegram.token"));
        if (token == null) {
            throw new IllegalArgumentException("no Telegram bot token: set the environment variable TELEGRAM_BOT_TOKEN"
                    + " or put telegram.token=... in a file passed with --config");
        }
        String url = firstNonBlank(env.get("TELEGRAM_API_URL"), file.getProperty("telegram.api-url"));
        URI api;
        try {
            api = url == null ? TELEGRAM_API : URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("illegal TELEGRAM_API_URL: '" + url + "', must be http(s)://host[:port]");
        }
        return new TelegramConfig(new BotToken(token), api);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
