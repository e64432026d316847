package dev.briefing.bot.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelegramConfigTest {

    @Test
    void takesTheTokenAndUrlFromTheEnvironment() throws Exception {
        // given both variables set
        Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", "123:abc", "TELEGRAM_API_URL", "http://127.0.0.1:9000");
        // when the config is resolved
        TelegramConfig config = TelegramConfig.resolve(env, null);
        // then both are used
        assertEquals("123:abc", config.token().value());
        assertEquals(URI.create("http://127.0.0.1:9000"), config.apiUrl());
    }

    @Test
    void fallsBackToTheConfigFileAndToTelegramsServer(@TempDir Path dir) throws Exception {
        // given a config file with only the token
        Path file = Files.writeString(dir.resolve("bot.properties"), "telegram.token=456:def\n");
        // when the config is resolved without environment variables
        TelegramConfig config = TelegramConfig.resolve(Map.of(), file);
        // then the file's token and Telegram's server are used
        assertEquals("456:def", config.token().value());
        assertEquals(TelegramConfig.TELEGRAM_API, config.apiUrl());
    }

    @Test
    void saysHowToProvideAMissingToken() {
        // given no token anywhere
        // when the config is resolved
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TelegramConfig.resolve(Map.of(), null));
        // then the message names the variable to set
        assertTrue(e.getMessage().contains("TELEGRAM_BOT_TOKEN"), e.getMessage());
    }

    @Test
    void neverShowsTheTokenInTextOrErrors() {
        // given a token, and a malformed one
        BotToken token = new BotToken("123:SECRETVALUE");
        // when they are printed or rejected
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BotToken("123 SECRETVALUE"));
        // then the secret shows nowhere
        assertFalse(token.toString().contains("SECRET"), token.toString());
        assertFalse(new TelegramConfig(token, TelegramConfig.TELEGRAM_API).toString().contains("SECRET"));
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @Test
    void rejectsAnApiUrlThatIsNotHttp() {
        // given a URL of another scheme
        // when the config is made
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TelegramConfig(new BotToken("1:a"), URI.create("ftp://example.org")));
        // then the message says what is expected
        assertTrue(e.getMessage().contains("http(s)://host"), e.getMessage());
    }
}
