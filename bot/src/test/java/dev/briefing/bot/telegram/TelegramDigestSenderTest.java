package dev.briefing.bot.telegram;

import dev.briefing.bot.digest.SendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digest's way out over real HTTP: one HTML sendMessage, and each Bot API answer read as a SendResult. */
class TelegramDigestSenderTest {

    static final String TOKEN = "4242:SECRET-token-value";
    static final String OK = "{\"ok\":true,\"result\":{\"message_id\":31,\"date\":1700000000,"
            + "\"chat\":{\"id\":-5,\"type\":\"group\"},\"text\":\"Your briefing\"}}";

    StubBotApi api;
    TelegramDigestSender sender;

    @BeforeEach
    void start() throws IOException {
        api = new StubBotApi();
        sender = new TelegramDigestSender(client(api.url().getPort(), 2000));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static BotApi client(int port, long readTimeoutMs) {
        return StubBotApi.client(port, TOKEN, Duration.ofMillis(readTimeoutMs));
    }

    @Test
    void sendsOneHtmlMessageOnce() {
        // given a Bot API that accepts it
        api.then(200, OK);
        // when a digest is sent
        SendResult result = sender.send(-5, "<b>Your briefing</b>");
        // then it went once, as HTML, to the chat
        assertInstanceOf(SendResult.Ok.class, result);
        assertEquals(1, api.requests.size());
        String request = api.requests.get(0);
        assertTrue(request.startsWith("/bot" + TOKEN + "/sendmessage "), request);
        assertTrue(request.toLowerCase().contains("\"parse_mode\":\"html\""), request);
        assertTrue(request.contains("\"chat_id\":\"-5\"") || request.contains("\"chat_id\":-5"), request);
    }

    @Test
    void readsAMigrationBeforeItsStatus() {
        // given a group that became a supergroup (Telegram answers 400 with migrate_to_chat_id)
        api.thenError(400, "Bad Request: group chat was upgraded to a supergroup chat", "{\"migrate_to_chat_id\":-100123}");
        // when a digest is sent, then the new id comes back, and nothing was retried
        assertEquals(new SendResult.Migrated(-100123), sender.send(-5, "hi"));
        assertEquals(1, api.requests.size());
    }

    @Test
    void reads429WithTheServersRetryAfter() {
        api.thenError(429, "Too Many Requests: retry after 7", "{\"retry_after\":7}");
        assertEquals(new SendResult.RetryAfter(Duration.ofSeconds(7)), sender.send(-5, "hi"));
        assertEquals(1, api.requests.size());
    }

    @Test
    void reads429WithoutRetryAfterAsOneSecond() {
        api.thenError(429, "Too Many Requests", null);
        assertEquals(new SendResult.RetryAfter(Duration.ofSeconds(1)), sender.send(-5, "hi"));
    }

    @Test
    void reads403AsBlocked() {
        api.thenError(403, "Forbidden: bot was blocked by the user", null);
        assertInstanceOf(SendResult.Blocked.class, sender.send(7, "hi"));
    }

    @Test
    void readsOtherErrorsAsFailedNamingTheChatButNotTheToken() {
        // given a bad request and a server error
        api.thenError(400, "Bad Request: can't parse entities", null).thenError(502, "Bad Gateway", null);
        // when two digests are sent, then both failed, with a reason an operator can read
        SendResult bad = sender.send(-5, "hi");
        SendResult down = sender.send(-5, "hi");
        assertTrue(bad instanceof SendResult.Failed f && f.reason().contains("chat -5") && f.reason().contains("parse"), bad.toString());
        assertInstanceOf(SendResult.Failed.class, down);
        assertFalse(bad.toString().contains("SECRET"), bad.toString());
    }

    @Test
    void readsANetworkTimeoutAsFailed() throws IOException {
        // given a Bot API that never answers in time
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TelegramDigestSender slow = new TelegramDigestSender(client(silent.getLocalPort(), 200));
            // when a digest is sent, then it failed for now, and the reason does not hold the token
            SendResult result = slow.send(-5, "hi");
            assertInstanceOf(SendResult.Failed.class, result);
            assertFalse(result.toString().contains("SECRET"), result.toString());
        }
    }
}
