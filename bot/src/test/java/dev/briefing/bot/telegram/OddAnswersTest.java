package dev.briefing.bot.telegram;

import dev.briefing.bot.digest.SendResult;
import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.MigrationListener;
import dev.briefing.bot.message.OutgoingMessage;
import dev.briefing.bot.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a server in front of the Bot API answers, every call through the adapter ends within its deadline with a
 * failure the sender can act on, and never with the token in its message. Before {@link BotApiHttp}, a JSON body without
 * {@code ok} parked the calling thread for good (TelegramBots 9.5.0's {@code ApiResponse.getOk()} NPE), a connection cut
 * mid-body did the same, and a redirect was followed to another port with the token in the path.
 */
class OddAnswersTest {

    static final String TOKEN = "4242:SECRET-odd-answers";
    static final OutgoingMessage HELLO = OutgoingMessage.reply(77, "hello", 5);
    /** Far above the 200 ms read timeout the clients here use: a parked thread fails it. */
    static final Duration BOUND = Duration.ofSeconds(5);

    StubBotApi api;
    BotApi client;

    @BeforeEach
    void start() throws IOException {
        api = new StubBotApi();
        client = api.client(TOKEN, Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static Stream<Arguments> oddAnswers() {
        return Stream.of(
                Arguments.of("a gateway's JSON without ok, 502", StubBotApi.respond(502, "{\"message\":\"Bad gateway\"}")),
                Arguments.of("JSON without ok, 200", StubBotApi.respond(200, "{\"message\":\"Bad gateway\"}")),
                Arguments.of("a JSON array", StubBotApi.respond(200, "[1,2,3]")),
                Arguments.of("ok that is not a boolean", StubBotApi.respond(200, "{\"ok\":\"yes\"}")),
                Arguments.of("an HTML page, 500", StubBotApi.raw(500, "text/html", "<html><body><h1>500</h1></body></html>")),
                Arguments.of("an HTML page, 200", StubBotApi.raw(200, "text/html", "<html>captive portal</html>")),
                Arguments.of("plain text", StubBotApi.raw(200, "text/plain", "upstream connect error")),
                Arguments.of("an empty body, 200", StubBotApi.raw(200, "application/json", "")),
                Arguments.of("an empty body, 503", StubBotApi.raw(503, "application/json", "")),
                Arguments.of("the path echoed without ok", StubBotApi.echoingPath(500)),
                Arguments.of("a body that stalls", StubBotApi.stall(Duration.ofSeconds(20))),
                Arguments.of("a connection cut mid-body", StubBotApi.cut()));
    }

    @ParameterizedTest(name = "sendMessage answered with {0} is transient")
    @MethodSource("oddAnswers")
    void aReplyEndsTransientlyWhateverTheAnswer(String shape, StubBotApi.Answer answer) {
        // given a server that answers sendMessage oddly
        api.then(answer);
        TelegramMessenger messenger = new TelegramMessenger(client, MigrationListener.NONE);
        // when a reply is sent, then the call ends within its deadline as a failure worth another try
        DeliveryException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(DeliveryException.class, () -> messenger.send(HELLO)));
        assertEquals(DeliveryException.Kind.TRANSIENT, e.kind(), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @ParameterizedTest(name = "a digest answered with {0} failed")
    @MethodSource("oddAnswers")
    void aDigestEndsFailedWhateverTheAnswer(String shape, StubBotApi.Answer answer) {
        api.then(answer);
        TelegramDigestSender sender = new TelegramDigestSender(client);
        SendResult result = assertTimeoutPreemptively(BOUND, () -> sender.send(-5, "digest"));
        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, result);
        assertFalse(failed.reason().contains("SECRET"), failed.reason());
    }

    @ParameterizedTest(name = "getChatMember answered with {0} is no, and the next check asks again")
    @MethodSource("oddAnswers")
    void anAdminCheckEndsNoWhateverTheAnswer(String shape, StubBotApi.Answer answer) {
        api.then(answer).then(200, "{\"ok\":true,\"result\":{\"status\":\"creator\",\"is_anonymous\":false,"
                + "\"user\":{\"id\":7,\"is_bot\":false,\"first_name\":\"Ann\"}}}");
        TelegramChatAdmins admins = new TelegramChatAdmins(client, new FakeClock(Instant.parse("2026-03-27T07:00:00Z")));
        assertFalse(assertTimeoutPreemptively(BOUND, () -> admins.isAdmin(-100, 7)));
        // The group is not hung: the next check reaches Telegram.
        assertTrue(assertTimeoutPreemptively(BOUND, () -> admins.isAdmin(-100, 7)));
    }

    @ParameterizedTest(name = "getMe answered with {0} stops the start with one line")
    @MethodSource("oddAnswers")
    void startUpEndsWithAMessageWhateverTheAnswer(String shape, StubBotApi.Answer answer) {
        // given a server that answers getMe oddly (stalls last the production read timeout, so they are left out)
        org.junit.jupiter.api.Assumptions.assumeFalse(shape.contains("stalls"), "covered with short timeouts above");
        api.then(answer);
        TelegramConfig config = new TelegramConfig(new BotToken(TOKEN), api.url());
        // when the bot connects, then it stops with a message that holds no token
        TelegramStartException e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(TelegramStartException.class, () -> TelegramConnection.open(config)));
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("getMe"), e.getMessage());
    }

    @Test
    void aRedirectIsNotFollowed() throws IOException {
        // given a Bot API that redirects to another server
        try (StubBotApi elsewhere = new StubBotApi()) {
            elsewhere.otherwise(StubBotApi.respond(200, "{\"ok\":true,\"result\":{\"message_id\":1,\"date\":1,"
                    + "\"chat\":{\"id\":77,\"type\":\"private\"}}}"));
            api.then(StubBotApi.redirect(307, elsewhere.url() + "/bot" + TOKEN + "/sendMessage"));
            TelegramMessenger messenger = new TelegramMessenger(client, MigrationListener.NONE);
            // when a reply is sent
            DeliveryException e = assertThrows(DeliveryException.class, () -> messenger.send(HELLO));
            // then the other server never hears of it, and the redirect is a failure that names no token
            assertTrue(elsewhere.requests.isEmpty(), elsewhere.requests.toString());
            assertTrue(e.getMessage().contains("307"), e.getMessage());
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        }
    }

    @Test
    void okWithoutAResultCountsAsSentSoItIsNotPostedTwice() throws DeliveryException {
        // given a server that accepts the message but does not return it
        api.then(200, "{\"ok\":true}");
        // when a reply is sent, then it counts as sent, with no id to thread to
        assertEquals(0, new TelegramMessenger(client, MigrationListener.NONE).send(HELLO));
        assertEquals(1, api.requests.size());
    }
}
