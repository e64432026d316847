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
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Delivers the bot's messages through the Bot API and says what each failure means: 429 is rate
 * limiting with the server's {@code retry_after}, 5xx and network trouble are transient, any other error
 * (403 "bot was blocked by the user", 400) is final.
 */
public final class TelegramMessenger implements Messenger {

    /** The wait to assume when a 429 comes without {@code retry_after}. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(TelegramMessenger.class);

    private final TelegramClient client;
    private final MigrationListener migrations;

    public TelegramMessenger(TelegramClient client) {
        this(client, MigrationListener.NONE);
    }

    /** @param migrations told when a send finds that its group became a supergroup with a new id */
    public TelegramMessenger(TelegramClient client, MigrationListener migrations) {
        this.client = Objects.requireNonNull(client, "client");
        this.migrations = Objects.requireNonNull(migrations, "migrations");
    }

    @Override
    public int send(OutgoingMessage message) throws DeliveryException {
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
        return call(send.build(), message.chatId()).getMessageId();
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
            return client.execute(method);
        } catch (TelegramApiRequestException e) {
            migrated(e, chatId);
            throw classify(e, method.getMethod(), chatId);
        } catch (TelegramApiException e) {
            throw DeliveryException.transientFailure(method.getMethod() + " to chat " + chatId + " failed: "
                    + rootMessage(e), e);
        }
    }

    /** The message itself is lost (it went to the old id), but what the bot keeps for the chat moves on. */
    private void migrated(TelegramApiRequestException e, long chatId) {
        ResponseParameters parameters = e.getParameters();
        Long to = parameters == null ? null : parameters.getMigrateToChatId();
        if (to == null || to == 0 || to == chatId) {
            return;
        }
        try {
            migrations.migrated(new ChatMigration(chatId, to));
        } catch (RuntimeException failure) {
            log.error("chat {} became chat {}, but moving what the bot keeps for it failed", chatId, to, failure);
        }
    }

    /** What a Bot API error means for the sender. */
    static DeliveryException classify(TelegramApiRequestException e, String method, long chatId) {
        Integer code = e.getErrorCode();
        String reason = method + " to chat " + chatId + ": " + (code == null ? "" : code + " ")
                + Objects.requireNonNullElse(e.getApiResponse(), rootMessage(e));
        ResponseParameters parameters = e.getParameters();
        // No code (0 or none) means the answer was not the Bot API's JSON: a proxy's error page, a cut connection.
        if (code == null || code == 0 || code >= 500) {
            return DeliveryException.transientFailure(reason, e);
        }
        if (code == 429) {
            Integer seconds = parameters == null ? null : parameters.getRetryAfter();
            return DeliveryException.rateLimited(seconds == null ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(seconds), reason);
        }
        if (parameters != null && parameters.getMigrateToChatId() != null) {
            return DeliveryException.rejected(reason + " (the group is now chat " + parameters.getMigrateToChatId() + ")", e);
        }
        return DeliveryException.rejected(reason, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
