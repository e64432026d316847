package dev.briefing.bot.telegram;

import dev.briefing.bot.store.ReceivedUpdate;
import dev.briefing.bot.message.ButtonPress;
import dev.briefing.bot.message.ChatKind;
import dev.briefing.bot.message.ChatMigration;
import dev.briefing.bot.message.Incoming;
import dev.briefing.bot.message.IncomingMessage;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.Optional;

/** Turns Telegram updates into the bot's own messages; what the bot has no use for becomes empty. */
final class UpdateTranslator {

    private final long botId;

    /** @param botId the bot's own user id, to tell replies to its messages */
    UpdateTranslator(long botId) {
        this.botId = botId;
    }

    /**
     * The chat an update belongs to, whose lease decides which instance handles it: a message's chat, or that of the
     * message a button was under; {@link ReceivedUpdate#NO_CHAT} for an update of no chat.
     */
    long chatOf(Update update) {
        if (update.hasMessage() && update.getMessage().getChat() != null) {
            return update.getMessage().getChat().getId();
        }
        if (update.hasCallbackQuery() && update.getCallbackQuery().getMessage() != null
                && update.getCallbackQuery().getMessage().getChat() != null) {
            return update.getCallbackQuery().getMessage().getChat().getId();
        }
        return ReceivedUpdate.NO_CHAT;
    }

    Optional<Incoming> translate(Update update) {
        if (update.hasMessage()) {
            return message(update.getMessage());
        }
        if (update.hasCallbackQuery()) {
            return press(update.getCallbackQuery());
        }
        return Optional.empty();
    }

    /**
     * The migration an update announces: Telegram posts a service message with {@code migrate_to_chat_id} in the old
     * group and one with {@code migrate_from_chat_id} in the new supergroup.
     */
    Optional<ChatMigration> migration(Update update) {
        if (!update.hasMessage()) {
            return Optional.empty();
        }
        Message m = update.getMessage();
        if (m.getChat() == null) {
            return Optional.empty();
        }
        long chat = m.getChat().getId();
        Long to = m.getMigrateToChatId();
        if (to != null && to != 0 && to != chat) {
            return Optional.of(new ChatMigration(chat, to));
        }
        Long from = m.getMigrateFromChatId();
        if (from != null && from != 0 && from != chat) {
            return Optional.of(new ChatMigration(from, chat));
        }
        return Optional.empty();
    }

    private Optional<Incoming> message(Message m) {
        Optional<ChatKind> kind = kind(m.getChat());
        // Other bots' messages are never questions (and two bots could otherwise talk forever).
        if (kind.isEmpty() || m.getFrom() == null || Boolean.TRUE.equals(m.getFrom().getIsBot())) {
            return Optional.empty();
        }
        Message replied = m.getReplyToMessage();
        Integer replyTo = replied == null ? null : replied.getMessageId();
        boolean replyToBot = replied != null && replied.getFrom() != null && replied.getFrom().getId() == botId;
        return Optional.of(new IncomingMessage(m.getChatId(), kind.get(), m.getMessageId(), m.getFrom().getId(),
                m.hasText() ? m.getText() : null, replyTo, replyToBot));
    }

    private Optional<Incoming> press(CallbackQuery q) {
        MaybeInaccessibleMessage m = q.getMessage();
        if (m == null || m.getChat() == null || q.getFrom() == null) {
            return Optional.empty();
        }
        return kind(m.getChat()).map(kind -> new ButtonPress(q.getId(), m.getChatId(), kind, m.getMessageId(),
                q.getFrom().getId(), q.getData()));
    }

    private static Optional<ChatKind> kind(Chat chat) {
        if (chat == null) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(chat.isUserChat())) {
            return Optional.of(ChatKind.PRIVATE);
        }
        if (Boolean.TRUE.equals(chat.isGroupChat()) || Boolean.TRUE.equals(chat.isSuperGroupChat())) {
            return Optional.of(ChatKind.GROUP);
        }
        return Optional.empty();
    }
}
