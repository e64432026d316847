package dev.briefing.bot.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookConfigTest {

    static final URI URL = URI.create("https://bot.example.org/telegram/hook");
    static final String SECRET = "shared_secret-0123456789";

    @TempDir
    Path dir;

    @Test
    void theEnvironmentsSecretWinsOverTheConfigFiles() throws Exception {
        // given a secret in both places
        Path file = Files.writeString(dir.resolve("bot.properties"), "telegram.webhook-secret=from-the-file-0123456789\n");
        // when resolved, then the environment's is used, and called configured
        WebhookConfig config = WebhookConfig.resolve(URL, Map.of("TELEGRAM_WEBHOOK_SECRET", SECRET), file);
        assertEquals(SECRET, config.secret().value());
        assertTrue(config.secretConfigured());
        assertEquals("/telegram/hook", config.path());
        // and from the file alone when the environment has none
        assertEquals("from-the-file-0123456789", WebhookConfig.resolve(URL, Map.of(), file).secret().value());
    }

    @Test
    void withoutASecretEachStartMakesARandomOne() throws Exception {
        WebhookConfig first = WebhookConfig.resolve(URL, Map.of(), null);
        WebhookConfig second = WebhookConfig.resolve(URL, Map.of(), null);
        assertFalse(first.secretConfigured());
        assertTrue(first.secret().value().matches("[A-Za-z0-9_-]{43}"), "256 bits, base64url");
        assertNotEquals(first.secret(), second.secret());
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has spaces in it 0123", "semi;colon;0123456789"})
    void aBadSecretIsRefusedWithoutBeingRepeated(String secret) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookConfig.resolve(URL, Map.of("TELEGRAM_WEBHOOK_SECRET", secret), null));
        assertTrue(e.getMessage().startsWith("illegal webhook secret: must be 16 to 256 letters, digits, _ or -"),
                e.getMessage());
        assertFalse(e.getMessage().contains(secret), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://bot.example.org/hook", "https:///hook", "https://bot.example.org/hook?x=1",
            "bot.example.org/hook"})
    void aWebhookUrlMustBeHttpsOrHttpToAHost(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookConfig.resolve(URI.create(url), Map.of(), null));
        assertTrue(e.getMessage().startsWith("illegal webhook URL: '" + url + "'"), e.getMessage());
    }

    @Test
    void aSecretNeverPrintsItself() {
        assertEquals("WebhookSecret[hidden]", new WebhookSecret(SECRET).toString());
    }
}
