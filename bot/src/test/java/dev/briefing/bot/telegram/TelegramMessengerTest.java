package dev.briefing.bot.telegram;

import dev.briefing.bot.message.Button;
import dev.briefing.bot.message.ChatMigration;
import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.MigrationListener;
import dev.briefing.bot.message.OutgoingMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter over real HTTP: what it sends, and what each Bot API error means for the sender. */
class TelegramMessengerTest {

    static final String TOKEN = "4242:SECRET-token-value";
    static final OutgoingMessage HELLO = OutgoingMessage.reply(77, "<b>hello</b> &amp; bye", 5);

    StubBotApi api;
    TelegramMessenger messenger;

    @BeforeEach
    void start() throws IOException {
        api = new StubBotApi();
        messenger = new TelegramMessenger(StubBotApi.client(api.url().getPort(), TOKEN, Duration.ofSeconds(2)), MigrationListener.NONE);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void sendsHtmlThreadedWithButtonsAndReturnsTheMessageId() throws Exception {
        // given a Bot API that accepts the message
        api.then(200, "{\"ok\":true,\"result\":{\"message_id\":31,\"date\":1700000000,"
                + "\"chat\":{\"id\":77,\"type\":\"private\"},\"text\":\"hello & bye\"}}");
        // when a threaded message with a button is sent
        int id = messenger.send(new OutgoingMessage(77, HELLO.html(), 5, List.of(new Button("Sources", "src:1"))));
        // then the request is a sendMessage in HTML, threaded, with the button, and the id comes back
        assertEquals(31, id);
        String request = api.requests.get(0);
        assertTrue(request.startsWith("/bot" + TOKEN + "/sendmessage "), request);
        assertTrue(request.contains("\"parse_mode\":\"html\"") || request.contains("\"parse_mode\":\"HTML\""), request);
        assertTrue(request.contains("\"message_id\":5"), request);
        assertTrue(request.contains("\"callback_data\":\"src:1\""), request);
    }

    @Test
    void reads429AsRateLimitedWithTheServersRetryAfter() {
        // given a Bot API that is flooded
        api.thenError(429, "Too Many Requests: retry after 7", "{\"retry_after\":7}");
        // when a message is sent
        DeliveryException e = assertThrows(DeliveryException.class, () -> messenger.send(HELLO));
        // then the sender is told to wait what the server asked
        assertEquals(DeliveryException.Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
        assertTrue(e.getMessage().contains("chat 77"), e.getMessage());
    }

    @Test
    void reads429WithoutRetryAfterAsOneSecond() {
        // given a 429 that does not say how long to wait
        api.thenError(429, "Too Many Requests", null);
        // when a message is sent
        DeliveryException e = assertThrows(DeliveryException.class, () -> messenger.send(HELLO));
        // then a short default wait is assumed
        assertEquals(DeliveryException.Kind.RATE_LIMITED, e.kind());
        assertEquals(BotApiError.DEFAULT_RETRY_AFTER, e.retryAfter());
    }

    @Test
    void reads5xxAsTransient() {
        // given a Bot API with an internal error
        api.thenError(502, "Bad Gateway", null);
        // when a message is sent
        DeliveryException e = assertThrows(DeliveryException.class, () -> messenger.send(HELLO));
        // then it may be tried again later
        assertEquals(DeliveryException.Kind.TRANSIENT, e.kind());
    }

    @Test
    void readsAnHtmlErrorPageAsTransient() {
        // given a proxy in front of the Bot API that answers with a page, not JSON
        api.then(503, "<html>Service Unavailable</html>");
        // when a message is sent
        DeliveryException e = assertThrows(DeliveryException.class, () -> messenger.send(HELLO));
        // then it may be tried again later
        assertEquals(DeliveryException.Kind.TRANSIENT, e.kind());
    }

    @Test
    void readsATimeoutAsTransient() throws IOException {
        // given a Bot API that never answers in time
        try (var silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            TelegramMessenger slow = new TelegramMessenger(StubBotApi.client(silent.getLocalPort(), TOKEN, Duration.ofMillis(200)), MigrationListener.NONE);
            // when a message is sent
            DeliveryException e = assertThrows(DeliveryException.class, () -> slow.send(HELLO));
            // then it may be tried again later, and the reason does not hold the token
            assertEquals(DeliveryException.Kind.TRANSIENT, e.kind());
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        }
    }

    @Test
    void reads403FromAChatThatBlockedTheBotAsFinal() {
        // given a user who blocked the bot
        api.thenError(403, "Forbidden: bot was blocked by the user", null);
        // when a message is sent
        DeliveryException e = assertThrows(DeliveryException.class, () -> messenger.send(HELLO));
        // then there is no point in trying again, and the reason names the chat but not the token
        assertEquals(DeliveryException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("chat 77") && e.getMessage().contains("blocked"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @Test
    void repostsAReplyToTheNewChatOfAnUpgradedGroupAndTellsTheListener() throws Exception {
        // given a messenger that reports migrations, and a group that became a supergroup
        List<ChatMigration> told = new CopyOnWriteArrayList<>();
        TelegramMessenger reporting = new TelegramMessenger(StubBotApi.client(api.url().getPort(), TOKEN, Duration.ofSeconds(2)), told::add);
        api.thenError(400, "Bad Request: group chat was upgraded to a supergroup chat", "{\"migrate_to_chat_id\":-100123}")
                .then(200, "{\"ok\":true,\"result\":{\"message_id\":32,\"date\":1700000000,"
                        + "\"chat\":{\"id\":-100123,\"type\":\"supergroup\"},\"text\":\"hello & bye\"}}");
        // when a reply is sent to the old id
        int id = reporting.send(HELLO);
        // then it went to the new chat once more, not threaded to a message of the old one, and the listener heard
        assertEquals(32, id);
        assertEquals(2, api.requests.size());
        String repost = api.requests.get(1);
        assertTrue(repost.contains("\"chat_id\":\"-100123\"") || repost.contains("\"chat_id\":-100123"), repost);
        assertFalse(repost.contains("reply_parameters"), repost);
        assertEquals(List.of(new ChatMigration(77, -100123)), told);
    }

    @Test
    void givesUpOnAMessageWhoseNewChatFailsTooNamingIt() {
        // given a group that became a supergroup that refuses the message as well
        api.thenError(400, "Bad Request: group chat was upgraded to a supergroup chat", "{\"migrate_to_chat_id\":-100123}")
                .thenError(403, "Forbidden: bot was kicked from the supergroup chat", null);
        // when a message is sent to the old id
        DeliveryException e = assertThrows(DeliveryException.class, () -> messenger.send(HELLO));
        // then it was tried once at the new id and given up on, naming the chat it failed in
        assertEquals(DeliveryException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("-100123"), e.getMessage());
        assertEquals(2, api.requests.size());
    }

    @Test
    void stopsAtStartWhenTheTokenIsRejectedWithoutSayingIt() {
        // given a Bot API that does not know the token
        api.thenError(401, "Unauthorized", null);
        // when the bot checks its token
        TelegramStartException e = assertThrows(TelegramStartException.class, () ->
                TelegramConnection.open(new TelegramConfig(new BotToken(TOKEN), api.url())));
        // then it says the token was rejected, and not what it is
        assertTrue(e.getMessage().contains("rejected the bot token"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }
}
