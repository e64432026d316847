package dev.briefing.bot.telegram;

import dev.briefing.bot.digest.SendResult;
import dev.briefing.bot.message.DeliveryException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One reading of Bot API errors, and what the replies' messenger and the digests' sender each make of it. */
class BotApiErrorTest {

    @ParameterizedTest(name = "{0} retry_after={1} migrate_to={2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            # code, retry_after, migrate_to, kind,         retryAfter s, outbox kind,  digest result
              400,   -,           -100123,   MIGRATED,     0,            REJECTED,     Migrated
              400,   -,           -5,        REJECTED,     0,            REJECTED,     Failed
              429,   7,           -,         RATE_LIMITED, 7,            RATE_LIMITED, RetryAfter
              429,   -,           -,         RATE_LIMITED, 1,            RATE_LIMITED, RetryAfter
              429,   -3,          -,         RATE_LIMITED, 0,            RATE_LIMITED, RetryAfter
              403,   -,           -,         BLOCKED,      0,            REJECTED,     Blocked
              400,   -,           -,         REJECTED,     0,            REJECTED,     Failed
              502,   -,           -,         TRANSIENT,    0,            TRANSIENT,    Failed
              0,     -,           -,         TRANSIENT,    0,            TRANSIENT,    Failed
            """)
    void readsEachErrorOnceForBothSenders(int code, Integer retryAfter, Long migrateTo, BotApiError.Kind kind,
                                         long waitSeconds, DeliveryException.Kind outboxKind, String digestResult) {
        // given a Bot API error to chat -5
        TelegramApiRequestException e = new TelegramApiRequestException("Error sending message", ApiResponse.builder()
                .ok(false).errorCode(code).errorDescription("Bad things")
                .parameters(retryAfter == null && migrateTo == null ? null : new ResponseParameters(migrateTo, retryAfter))
                .build());
        // when it is read
        BotApiError error = BotApiError.read(e, "sendMessage", -5);
        // then it means the same to both senders, each in its own terms, and the reason names the chat
        assertEquals(kind, error.kind());
        assertEquals(Duration.ofSeconds(waitSeconds), error.retryAfter());
        assertEquals(outboxKind, TelegramMessenger.delivery(error, e).kind());
        assertEquals(digestResult, TelegramDigestSender.result(e, -5).getClass().getSimpleName());
        assertTrue(error.reason().startsWith("sendMessage to chat -5: "), error.reason());
    }
}
