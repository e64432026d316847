package dev.briefing.bot.telegram;

import dev.briefing.bot.message.Button;
import dev.briefing.bot.message.ButtonPress;
import dev.briefing.bot.message.ChatMigration;
import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.Messenger;
import dev.briefing.bot.message.MigrationListener;
import dev.briefing.bot.message.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.io.Serializable;
import java.util.Objects;

/**
 * Delivers the bot's messages through the Bot API and says what each failure means ({@link BotApiError}): 429 is
 * rate limiting with the server's {@code retry_after}, 5xx and network trouble are transient, any other error
 * (403 "bot was blocked by the user", 400) is final. A message to a group that became a supergroup follows it once.
 */
public final class TelegramMessenger implements Messenger {

    private static final Logger log = LoggerFactory.getLogger(TelegramMessenger.class);

    private final BotApi client;
    private final MigrationListener migrations;

    /** @param migrations told when a send finds that its group became a supergroup with a new id */
    public TelegramMessenger(BotApi client, MigrationListener migrations) {
        this.client = Objects.requireNonNull(client, "client");
        this.migrations = Objects.requireNonNull(migrations, "migrations");
    }

    /**
     * Sends one message. When the group has become a supergroup, the listener is told and the message is posted once
     * more, to the new id, not threaded (the message it replied to stays behind in the old chat).
     */
    @Override
    public int send(OutgoingMessage message) throws DeliveryException {
        try {
            return messageId(client.call(sendMessage(message)), message.chatId());
        } catch (TelegramApiRequestException e) {
            BotApiError error = BotApiError.read(e, "sendMessage", message.chatId());
            if (error.kind() != BotApiError.Kind.MIGRATED) {
                throw delivery(error, e);
            }
            migrated(message.chatId(), error.migrateTo());
            log.info("chat {} is now chat {}: sending the message there", message.chatId(), error.migrateTo());
            OutgoingMessage moved = new OutgoingMessage(error.migrateTo(), message.html(), null, message.buttons());
            // Once: a chat that moves again is given up on, by call.
            return messageId(call(sendMessage(moved), moved.chatId()), moved.chatId());
        } catch (TelegramApiException e) {
            throw unreachable("sendMessage", message.chatId(), e);
        }
    }

    /**
     * The sent message's id. A server that says {@code ok} without the message has still accepted it: sending again
     * could post it twice, so it counts as sent, with id 0 (nothing can be threaded to it).
     */
    private static int messageId(Message sent, long chatId) {
        if (sent == null || sent.getMessageId() == null) {
            log.warn("chat {}: the Bot API accepted a message without saying its id", chatId);
            return 0;
        }
        return sent.getMessageId();
    }

    private static SendMessage sendMessage(OutgoingMessage message) {
        SendMessage.SendMessageBuilder<?, ?> send = SendMessage.builder()
                .chatId(message.chatId())
                .text(message.html())
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        if (message.replyTo() != null) {
            // The question may have been deleted meanwhile; the answer is still worth sending.
            send.replyParameters(ReplyParameters.builder().messageId(message.replyTo())
                    .allowSendingWithoutReply(true).build());
        }
        if (!message.buttons().isEmpty()) {
            InlineKeyboardRow row = new InlineKeyboardRow();
            for (Button b : message.buttons()) {
                row.add(InlineKeyboardButton.builder().text(b.label()).callbackData(b.data()).build());
            }
            send.replyMarkup(InlineKeyboardMarkup.builder().keyboardRow(row).build());
        }
        return send.build();
    }

    @Override
    public void typing(long chatId) throws DeliveryException {
        call(SendChatAction.builder().chatId(chatId).action("typing").build(), chatId);
    }

    @Override
    public void acknowledge(ButtonPress press) throws DeliveryException {
        call(AnswerCallbackQuery.builder().callbackQueryId(press.id()).build(), press.chatId());
    }

    private <T extends Serializable> T call(BotApiMethod<T> method, long chatId) throws DeliveryException {
        try {
            return client.call(method);
        } catch (TelegramApiRequestException e) {
            BotApiError error = BotApiError.read(e, method.getMethod(), chatId);
            if (error.kind() == BotApiError.Kind.MIGRATED) {
                migrated(chatId, error.migrateTo());
            }
            throw delivery(error, e);
        } catch (TelegramApiException e) {
            throw unreachable(method.getMethod(), chatId, e);
        }
    }

    /** What the bot keeps for the chat moves on with it. */
    private void migrated(long chatId, long to) {
        try {
            migrations.migrated(new ChatMigration(chatId, to));
        } catch (RuntimeException failure) {
            log.error("chat {} became chat {}, but moving what the bot keeps for it failed", chatId, to, failure);
        }
    }

    /** What a Bot API error means for the outbox: a migration not followed, like a block, is final. */
    static DeliveryException delivery(BotApiError error, TelegramApiRequestException e) {
        return switch (error.kind()) {
            case RATE_LIMITED -> DeliveryException.rateLimited(error.retryAfter(), error.reason());
            case TRANSIENT -> DeliveryException.transientFailure(error.reason(), e);
            case MIGRATED, BLOCKED, REJECTED -> DeliveryException.rejected(error.reason(), e);
        };
    }

    private static DeliveryException unreachable(String method, long chatId, TelegramApiException e) {
        return DeliveryException.transientFailure(method + " to chat " + chatId + " failed: "
                + TelegramConnection.rootCause(e), e);
    }
}
