package dev.briefing.bot.telegram;

import dev.briefing.bot.chat.ScriptedKnowledge;
import dev.briefing.bot.command.BuiltInCommands;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.digest.SendResult;
import dev.briefing.bot.message.MigrationListener;
import dev.briefing.bot.outbox.Limits;
import dev.briefing.bot.outbox.SendBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.briefing.bot.store.JdbcStore;
import java.nio.file.Path;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every failure path about the Bot API, against a server that echoes the request's path (token included) in its error
 * bodies, as a misconfigured gateway does: getMe at start, the command menu, long polling, replies given up by the
 * outbox, digests and admin checks. The whole log is captured raw, without {@link Redaction}'s standard-error filter,
 * so the adapter's own messages are what is checked; the filter is the second line.
 */
@Timeout(60)
class TokenNeverLoggedTest {

    static final String SECRET = "ECHOED-secret_value";
    static final String TOKEN = "4242:" + SECRET;
    static final String ME = "{\"ok\":true,\"result\":{\"id\":4242,\"is_bot\":true,\"first_name\":\"Briefing\",\"username\":\"EchoBot\"}}";
    static final String UPDATE = "{\"ok\":true,\"result\":[{\"update_id\":1,\"message\":{\"message_id\":5,\"date\":1700000000,"
            + "\"chat\":{\"id\":77,\"type\":\"private\",\"first_name\":\"A\"},\"from\":{\"id\":77,\"is_bot\":false,\"first_name\":\"A\"},"
            + "\"text\":\"What did Tokayev order?\"}}]}";

    @TempDir
    Path data;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream originalErr;
    StubBotApi api;

    @BeforeEach
    void capture() throws IOException {
        originalErr = System.err;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        api = new StubBotApi();
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        api.close();
    }

    @Test
    void aRejectedStartNamesNoToken() {
        // given a gateway that echoes the path on getMe
        api.then(StubBotApi.echoingPath(500));
        // when the bot connects
        TelegramStartException e = assertThrows(TelegramStartException.class,
                () -> TelegramConnection.open(new TelegramConfig(new BotToken(TOKEN), api.url())));
        // then the message says what failed, without the token
        assertTrue(e.getMessage().contains("getMe") && e.getMessage().contains("500"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        // and a server error that is the Bot API's own JSON, echoing the path, is redacted too
        api.thenError(500, "upstream error for /bot" + TOKEN + "/getMe", null);
        TelegramStartException json = assertThrows(TelegramStartException.class,
                () -> TelegramConnection.open(new TelegramConfig(new BotToken(TOKEN), api.url())));
        assertFalse(json.getMessage().contains(SECRET), json.getMessage());
        assertTrue(json.getMessage().contains("/bot4242:" + Redaction.HIDDEN + "/getMe"), json.getMessage());
    }

    @Test
    void noFailurePathLogsTheToken() throws Exception {
        // given a server that lets the bot start, then echoes the path in every error: getUpdates fails twice (once as
        // a gateway's JSON, once as the Bot API's), then brings a question; every send and admin check fails
        AtomicInteger polls = new AtomicInteger();
        api.otherwise((exchange, path) -> {
            String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase();
            switch (method) {
                case "getme" -> StubBotApi.respond(200, ME).answer(exchange, path);
                case "setmycommands", "deletewebhook" -> StubBotApi.respond(200, "{\"ok\":true,\"result\":true}").answer(exchange, path);
                case "getupdates" -> {
                    int n = polls.incrementAndGet();
                    if (n == 1) {
                        StubBotApi.echoingPath(502).answer(exchange, path);
                    } else if (n == 2) {
                        StubBotApi.respond(200, "{\"ok\":false,\"error_code\":500,\"description\":\"upstream " + path + "\"}")
                                .answer(exchange, path);
                    } else if (n == 3) {
                        StubBotApi.respond(200, UPDATE).answer(exchange, path);
                    } else {
                        StubBotApi.raw(200, "text/plain", "no JSON here, " + path).answer(exchange, path);
                    }
                }
                default -> StubBotApi.respond(500, "{\"ok\":false,\"error_code\":500,\"description\":\"upstream error for "
                        + path + "\"}").answer(exchange, path);
            }
        });
        TelegramConnection connection = TelegramConnection.open(new TelegramConfig(new BotToken(TOKEN), api.url()));
        JdbcStore store = JdbcStore.open(data);
        Limits quick = new Limits(3, Duration.ofSeconds(3), 20, Duration.ofMinutes(1), 30, Duration.ofSeconds(1), 2,
                Duration.ofMillis(50), Duration.ofMillis(100));
        ScriptedKnowledge knowledge = new ScriptedKnowledge();
        CommandRegistry commands = new BuiltInCommands(new CommandRegistry(), knowledge::catalog, knowledge::articles).registerAll();
        TelegramBot.Settings settings = new TelegramBot.Settings(TelegramBot.Settings.DEFAULTS.chat(), quick,
                Duration.ofSeconds(1), 2, Duration.ofMillis(300));
        TelegramBot bot = TelegramBot.start(connection, knowledge, commands, settings, Clock.systemUTC(),
                SendBudget.of(quick), MigrationListener.NONE, store, store, store, store);
        try {
            // when a question arrives and its answer is given up on, and a digest and an admin check fail
            waitFor(() -> log().contains("gave up on a message to chat 77"));
            SendResult digest = connection.digestSender().send(-5, "digest");
            boolean admin = connection.chatAdmins(Clock.systemUTC()).isAdmin(-100, 7);
            waitFor(() -> polls.get() >= 5);
            // then each failure was logged, and the whole log never holds the token
            assertInstanceOf(SendResult.Failed.class, digest);
            assertFalse(admin);
            assertFalse(((SendResult.Failed) digest).reason().contains(SECRET), digest.toString());
        } finally {
            bot.close();
            connection.close();
            store.close();
        }
        String log = log();
        assertTrue(log.contains("cannot tell whether user 7 administers chat -100"), log);
        assertTrue(log.contains("Error received from Telegram GetUpdates Request"), log);
        assertTrue(log.contains("/bot4242:" + Redaction.HIDDEN + "/"), log);
        assertEquals(-1, log.indexOf(SECRET), log);
    }

    private String log() {
        synchronized (logged) {
            return logged.toString(StandardCharsets.UTF_8);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
