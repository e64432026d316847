package dev.briefing.bot.telegram;

import dev.briefing.bot.digest.DigestSender;
import dev.briefing.bot.digest.SendResult;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.util.Objects;

/**
 * Sends one digest as one HTML message and says what Telegram made of it; the scheduler paces and retries, so
 * this calls Telegram exactly once. A migration is read before the status code (Telegram answers it with 400).
 */
final class TelegramDigestSender implements DigestSender {

    private final BotApi client;

    TelegramDigestSender(BotApi client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public SendResult send(long chatId, String html) {
        SendMessage message = SendMessage.builder()
                .chatId(chatId)
                .text(html)
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                .build();
        try {
            client.call(message);
            return new SendResult.Ok();
        } catch (TelegramApiRequestException e) {
            return result(e, chatId);
        } catch (TelegramApiException e) {
            return new SendResult.Failed("sendMessage to chat " + chatId + " failed: " + TelegramConnection.rootCause(e));
        }
    }

    static SendResult result(TelegramApiRequestException e, long chatId) {
        BotApiError error = BotApiError.read(e, "sendMessage", chatId);
        return switch (error.kind()) {
            case MIGRATED -> new SendResult.Migrated(error.migrateTo());
            case RATE_LIMITED -> new SendResult.RetryAfter(error.retryAfter());
            case BLOCKED -> new SendResult.Blocked();
            case TRANSIENT, REJECTED -> new SendResult.Failed(error.reason());
        };
    }
}
